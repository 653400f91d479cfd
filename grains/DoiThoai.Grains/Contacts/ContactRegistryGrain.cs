using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Contacts;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Contacts;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Contacts;

[GenerateSerializer, Alias("DoiThoai.ContactRegistryState")]
public sealed class ContactRegistryState
{
    [Id(0)] public int LastNumber { get; set; }

    [Id(1)] public List<Contact> Contacts { get; set; } = [];
}

/// <summary>
/// One commune's contacts. Logs name counts and masked numbers only: phone numbers and addresses are personal data.
/// </summary>
public sealed partial class ContactRegistryGrain(
    [PersistentState(ContactRegistryGrain.StateName, GrainStorage.Name)] IPersistentState<ContactRegistryState> state,
    AdminUnitRegistry registry,
    IDeliveryOutbox outbox,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<ContactRegistryGrain> logger) : Grain, IContactRegistryGrain
{
    public const string StateName = "contacts";
    public const int MaxPageSize = 200;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ = registry.GetCommune(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<ContactImportReport> ImportCsvAsync(string csv)
    {
        var import = ContactCsv.Parse(new StringReader(csv), state.State.Contacts);
        var rejected = import.Rows.Where(r => !r.Accepted).ToList();
        if (import.Accepted.Count > 0)
        {
            foreach (var contact in import.Accepted)
            {
                state.State.LastNumber++;
                state.State.Contacts.Add(contact with { Id = $"c{state.State.LastNumber}" });
            }

            await state.WriteOrReloadAsync(this);
        }

        LogImported(logger, this.GetPrimaryKeyString(), import.Accepted.Count, rejected.Count);
        return new ContactImportReport(import.Accepted.Count, rejected.Count, rejected, state.State.Contacts.Count);
    }

    public Task<ContactPage> ListAsync(string? hamlet, ContactRole? role, int page, int pageSize)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var matching = state.State.Contacts
            .Where(c => (hamlet is null || string.Equals(c.Hamlet, hamlet, StringComparison.OrdinalIgnoreCase)) && (role is null || c.Role == role))
            .ToList();
        var items = matching.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return Task.FromResult(new ContactPage(matching.Count, page, pageSize, items));
    }

    public Task<Contact?> GetAsync(string contactId) => Task.FromResult(Find(contactId));

    public Task<IReadOnlyList<Contact>> ResolveAsync(Audience audience) =>
        Task.FromResult<IReadOnlyList<Contact>>(state.State.Contacts.Where(audience.Includes).ToList());

    public async Task<CommandResult<Contact>> SetConsentAsync(string contactId, ConsentChange change)
    {
        if (Find(contactId) is not { } contact)
        {
            return CommandResult<Contact>.Fail(ProblemKind.NotFound, $"Không tìm thấy người nhận {contactId}.");
        }

        if (change.Sms == true && contact.Phone is null || change.Email == true && contact.Email is null)
        {
            return CommandResult<Contact>.Fail(new CommandProblem(ProblemKind.Invalid,
                "Không thể đồng ý nhận qua kênh chưa có số điện thoại hoặc email.",
                new Dictionary<string, string[]> { [change.Sms == true && contact.Phone is null ? "sms" : "email"] = ["Chưa có thông tin liên lạc cho kênh này."] }));
        }

        var changed = contact with
        {
            SmsConsent = change.Sms ?? contact.SmsConsent,
            EmailConsent = change.Email ?? contact.EmailConsent,
        };
        await ReplaceAsync(contact, changed);

        // Withdrawal holds at once: what was already planned for the channel (reminders, timed notices) will not go out.
        foreach (var (withdrawn, channel) in new[] { (contact.SmsConsent && !changed.SmsConsent, DeliveryChannel.Sms), (contact.EmailConsent && !changed.EmailConsent, DeliveryChannel.Email) })
        {
            if (withdrawn)
            {
                await outbox.CancelForRecipientAsync(this.GetPrimaryKeyString(), contactId, channel, "Người nhận đã rút lại sự đồng ý nhận tin qua kênh này.", time.GetUtcNow());
            }
        }

        return CommandResult<Contact>.Ok(changed);
    }

    public async Task<bool> DeleteAsync(string contactId)
    {
        if (Find(contactId) is not { } contact)
        {
            return false;
        }

        var commune = this.GetPrimaryKeyString();
        await outbox.CancelForRecipientAsync(commune, contactId, null, "Người nhận đã yêu cầu xóa dữ liệu cá nhân.", time.GetUtcNow());
        await ReplaceAsync(contact, null);
        await outbox.EraseRecipientAsync(commune, contactId, time.GetUtcNow());
        LogDeleted(logger, commune, contactId);
        return true;
    }

    public async Task<PersonalDataExport?> ExportAsync(string contactId)
    {
        if (Find(contactId) is not { } contact)
        {
            return null;
        }

        var messages = await outbox.ListForRecipientAsync(this.GetPrimaryKeyString(), contactId);
        return new PersonalDataExport(
            contact,
            [.. messages.Select(m => new PersonalMessage(m.Notice, m.Channel, m.Status, m.Address, m.UpdatedAt))],
            time.GetUtcNow());
    }

    private Contact? Find(string contactId) => state.State.Contacts.Find(c => c.Id == contactId);

    private async Task ReplaceAsync(Contact current, Contact? replacement)
    {
        var index = state.State.Contacts.IndexOf(current);
        if (replacement is null)
        {
            state.State.Contacts.RemoveAt(index);
        }
        else
        {
            state.State.Contacts[index] = replacement;
        }

        await state.WriteOrReloadAsync(this);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Commune {CommuneCode} imported {Added} contacts, refused {Rejected} rows")]
    private static partial void LogImported(ILogger logger, string communeCode, int added, int rejected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Commune {CommuneCode} deleted contact {ContactId} on request")]
    private static partial void LogDeleted(ILogger logger, string communeCode, string contactId);
}
