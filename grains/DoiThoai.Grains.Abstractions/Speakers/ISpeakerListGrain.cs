using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Speakers;

/// <summary>What a resident fills in on the public registration form.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.SpeakerDraft")]
public sealed record SpeakerDraft(
    [property: Id(0)] string FullName,
    [property: Id(2)] string WorkplaceOrAddress,
    [property: Id(3)] string Phone,
    [property: Id(4)] string Opinion,
    [property: Id(5)] bool Consent,
    [property: Id(1)] string? JobTitle = null,
    [property: Id(6)] string? EditCode = null);

/// <summary>One registered speaker; the phone (E.164) is for the office to call back, shown masked, erased 30 days after the session.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.Speaker")]
public sealed record Speaker(
    [property: Id(0)] int Number,
    [property: Id(1)] string FullName,
    [property: Id(2)] string? JobTitle,
    [property: Id(3)] string WorkplaceOrAddress,
    [property: Id(4)] string Phone,
    [property: Id(5)] string Opinion,
    [property: Id(6)] DateTimeOffset RegisteredAt,
    [property: Id(7)] DateTimeOffset? PhoneErasedAt = null,
    [property: Id(8)] string? RegisteredAtDeskBy = null,
    [property: Id(9)] string? EditCodeHash = null,
    [property: Id(10)] string? Origin = null);

/// <summary>
/// What the resident is told: their number and place in the speaking order, nothing of anyone else; on a new
/// registration from the public form, the code that alone lets them change it (shown once, only its hash is kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.SpeakerReceipt")]
public sealed record SpeakerReceipt(
    [property: Id(0)] int Number,
    [property: Id(1)] int Position,
    [property: Id(2)] bool Updated,
    [property: Id(3)] string? EditCode = null);

/// <summary>
/// The speakers of one session, keyed "{commune}/{session}" (SessionNoticeKey.Of): registrations from the public form
/// become the speaking order the chair sees and rearranges.
/// </summary>
[Alias("DoiThoai.ISpeakerListGrain")]
public interface ISpeakerListGrain : IGrainWithStringKey
{
    /// <summary>
    /// The public form: open until the session starts; a registration is changed (its opinion replaced, its place kept)
    /// only with the edit code its receipt gave, and one <paramref name="origin"/> (the client's address, keyed) registers
    /// at most <c>SpeakerRules.MaxPerOrigin</c> speakers. At the venue's desk (<paramref name="deskOfficer"/>, plan 003)
    /// the office registers speakers until the session is concluded, the phone optional.
    /// </summary>
    [Alias("Register")]
    Task<CommandResult<SpeakerReceipt>> RegisterAsync(SpeakerDraft draft, string? deskOfficer = null, string? origin = null);

    /// <summary>The office removes a registration (a duplicate, a registration made in someone else's name).</summary>
    [Alias("Remove")]
    Task<CommandResult<IReadOnlyList<Speaker>>> RemoveAsync(int number);

    /// <summary>The speakers in speaking order.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<Speaker>> ListAsync();

    /// <summary>
    /// Erases the speakers' phone numbers once <c>SpeakerRules.PhonesKeptAfterSession</c> has passed since the session
    /// (run by the delivery dispatcher as a timed job; a session moved later has the job planned again). Returns how
    /// many numbers were erased.
    /// </summary>
    [Alias("ErasePhones")]
    Task<int> ErasePhonesAsync();

    /// <summary>The chair's order: every registered number exactly once.</summary>
    [Alias("Reorder")]
    Task<CommandResult<IReadOnlyList<Speaker>>> ReorderAsync(IReadOnlyList<int> numbers);
}
