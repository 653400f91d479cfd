using DoiThoai.Domain.Contacts;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Contacts;

/// <summary>What an import did: how many were added, how many refused, and each refused line with its reasons.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.ContactImportReport")]
public sealed record ContactImportReport(
    [property: Id(0)] int Added,
    [property: Id(1)] int Rejected,
    [property: Id(2)] IReadOnlyList<ImportRowOutcome> RejectedRows,
    [property: Id(3)] int Total);

[GenerateSerializer, Immutable, Alias("DoiThoai.ContactPage")]
public sealed record ContactPage(
    [property: Id(0)] int Total,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] IReadOnlyList<Contact> Items);

/// <summary>A change of consent: a null channel is left as it is.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.ConsentChange")]
public sealed record ConsentChange(
    [property: Id(0)] bool? Sms = null,
    [property: Id(1)] bool? Email = null);

/// <summary>One message the platform sent or meant to send a person, as their copy of their data shows it.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.PersonalMessage")]
public sealed record PersonalMessage(
    [property: Id(0)] string Notice,
    [property: Id(1)] DoiThoai.Grains.Abstractions.Delivery.DeliveryChannel Channel,
    [property: Id(2)] DoiThoai.Grains.Abstractions.Delivery.DeliveryStatus Status,
    [property: Id(3)] string Address,
    [property: Id(4)] DateTimeOffset UpdatedAt);

/// <summary>Everything the commune holds about one person: their record and the messages addressed to them.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.PersonalDataExport")]
public sealed record PersonalDataExport(
    [property: Id(0)] Contact Contact,
    [property: Id(1)] IReadOnlyList<PersonalMessage> Messages,
    [property: Id(2)] DateTimeOffset ExportedAt);

/// <summary>The people a commune may notify (its delegates and residents), keyed by the commune's code.</summary>
[Alias("DoiThoai.IContactRegistryGrain")]
public interface IContactRegistryGrain : IGrainWithStringKey
{
    /// <summary>Adds the acceptable rows of a CSV file; the others are reported, none is half-added.</summary>
    [Alias("Import")]
    Task<ContactImportReport> ImportCsvAsync(string csv);

    [Alias("List"), ReadOnly]
    Task<ContactPage> ListAsync(string? hamlet, ContactRole? role, int page, int pageSize);

    [Alias("Get"), ReadOnly]
    Task<Contact?> GetAsync(string contactId);

    /// <summary>The contacts an audience names, whatever their consent (the sender checks consent per channel).</summary>
    [Alias("Resolve"), ReadOnly]
    Task<IReadOnlyList<Contact>> ResolveAsync(Audience audience);

    /// <summary>Withdrawing consent takes effect at once: no later send uses the channel.</summary>
    [Alias("SetConsent")]
    Task<CommandResult<Contact>> SetConsentAsync(string contactId, ConsentChange change);

    /// <summary>A person's data, whole, for them to see or take away (Luật Bảo vệ dữ liệu cá nhân); null when unknown.</summary>
    [Alias("Export"), ReadOnly]
    Task<PersonalDataExport?> ExportAsync(string contactId);

    /// <summary>
    /// Deletes a person's data on request: their record, whatever was still to be sent to them, and their address and
    /// the texts in the record of messages already sent.
    /// </summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(string contactId);
}
