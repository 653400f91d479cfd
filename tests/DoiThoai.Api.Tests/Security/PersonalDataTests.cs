using System.Net;
using System.Text;
using System.Text.Json;
using DoiThoai.Api.Security;

namespace DoiThoai.Api.Tests.Security;

/// <summary>A person's rights over their data, as the commune officer exercises them on their request, and the audit it leaves.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PersonalDataTests(PlatformFactory platform)
{
    private const string Commune = "00337"; // Phường Hoàng Liệt, Hà Nội

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Withdrawn_consent_cancels_planned_reminders_export_shows_everything_and_deletion_erases_the_address()
    {
        using var officer = await platform.CreateClientAsAsync(Roles.CommuneOfficer, commune: Commune, name: "Cán bộ tư pháp Hoàng Liệt");
        using var supervisor = await platform.CreateClientAsAsync(Roles.ProvinceAdmin, province: "01", name: "Sở Nội vụ Hà Nội");
        await (await officer.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent("""
            Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email
            Vũ Thị Hạnh,đại biểu,Tổ dân phố 3,0912444555,hanh.vu@example.vn,có,có
            Ngô Văn Khải,đại biểu,Tổ dân phố 4,0912444666,,có,
            """, Encoding.UTF8, "text/csv"), Ct)).JsonAsync(HttpStatusCode.OK);
        var hanh = (await (await officer.Get($"/api/communes/{Commune}/contacts")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(c => c.Str("fullName") == "Vũ Thị Hạnh").Str("id");
        var session = await (await officer.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Đối thoại định kỳ cuối năm", "startsAt": "2026-11-27T08:00:00+07:00",
             "durationMinutes": 120, "venue": "Hội trường UBND phường Hoàng Liệt"}
            """)).JsonAsync(HttpStatusCode.Created);
        var deliveries = $"/api/communes/{Commune}/sessions/{session.Str("id")}/deliveries?channel=sms";
        var planned = await Eventually.ReachedAsync(() => SmsOfAsync(officer, deliveries, hanh), rows => rows.Count(r => r.Notice.StartsWith("reminder", StringComparison.Ordinal)) == 2,
            TimeSpan.FromSeconds(30), "the delegate's two SMS reminders are planned");

        // She withdraws SMS consent: her reminders, due next week, will not go out; her colleague's still will.
        await (await officer.PutJsonAsync($"/api/communes/{Commune}/contacts/{hanh}/consent", """{"sms": false}""")).JsonAsync(HttpStatusCode.OK);
        var after = await SmsOfAsync(officer, deliveries, hanh);
        Assert.All(after.Where(r => r.Notice.StartsWith("reminder", StringComparison.Ordinal)), r => Assert.Equal("cancelled", r.Status, ignoreCase: true));
        var report = await (await officer.Get(deliveries + "&pageSize=500")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(report.GetProperty("items").EnumerateArray(),
            r => r.Str("recipientId") != hanh && r.Str("notice").StartsWith("reminder", StringComparison.Ordinal) && r.Str("status").Equals("pending", StringComparison.OrdinalIgnoreCase));

        // She asks for her data: her record in clear, and every message addressed to her.
        using var export = await officer.Get($"/api/communes/{Commune}/contacts/{hanh}/export");
        var copy = await export.JsonAsync(HttpStatusCode.OK);
        Assert.StartsWith("attachment", export.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(("+84912444555", "hanh.vu@example.vn"), (copy.GetProperty("contact").Str("phone"), copy.GetProperty("contact").Str("email")));
        Assert.Contains(copy.GetProperty("messages").EnumerateArray(), m => m.Str("address") == "+84912444555");

        // The province oversees but does not see her data.
        await (await supervisor.Get($"/api/communes/{Commune}/contacts/{hanh}/export")).ProblemAsync(HttpStatusCode.Forbidden);

        // She asks to be deleted: her record goes, and the record of messages keeps no address of hers.
        Assert.Equal(HttpStatusCode.NoContent, (await officer.Delete($"/api/communes/{Commune}/contacts/{hanh}")).StatusCode);
        await (await officer.Get($"/api/communes/{Commune}/contacts/{hanh}/export")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.All(await SmsOfAsync(officer, deliveries, hanh), r => Assert.Equal("", r.MaskedAddress));

        // The province reads who did all this, newest first; the file's content is not in the log.
        var audit = await (await supervisor.Get($"/api/provinces/01/audit?commune={Commune}")).JsonAsync(HttpStatusCode.OK);
        var entries = audit.GetProperty("items").EnumerateArray().Select(e => (e.Str("action"), e.Str("actor"))).ToList();
        Assert.Equal(
            ["contact.deleted", "contact.exported", "contact.consent-changed", "session.scheduled", "contacts.imported"],
            entries.Select(e => e.Item1).Where(a => a != "token.issued").Take(5));
        Assert.All(entries.Where(e => e.Item1 != "token.issued"), e => Assert.Equal($"Cán bộ tư pháp Hoàng Liệt (commune-officer {Commune})", e.Item2));
        Assert.DoesNotContain("0912444555", audit.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("hanh.vu", audit.GetRawText(), StringComparison.Ordinal);

        // The officer cannot read the province's log, and nobody can rewrite it through the API.
        await (await officer.Get("/api/provinces/01/audit")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await supervisor.Delete("/api/provinces/01/audit")).StatusCode);
    }

    [Fact]
    public async Task A_province_administrator_reaches_no_phone_number_through_an_officer_token_it_issues_and_every_read_is_audited()
    {
        const string commune = "00256"; // Phường Hai Bà Trưng, Hà Nội
        using var officer = await platform.CreateClientAsAsync(Roles.CommuneOfficer, commune: commune, name: "Cán bộ văn phòng Hai Bà Trưng");
        using var supervisor = await platform.CreateClientAsAsync(Roles.ProvinceAdmin, province: "01", name: "Sở Nội vụ Hà Nội");
        await (await officer.PostAsync($"/api/communes/{commune}/contacts/import", new StringContent("""
            Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email
            Lê Thị Mai,đại biểu,Tổ dân phố 7,0913777888,,có,
            """, Encoding.UTF8, "text/csv"), Ct)).JsonAsync(HttpStatusCode.OK);
        var mai = (await (await officer.Get($"/api/communes/{commune}/contacts")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].Str("id");

        // The province administrator issues itself an officer's token for the commune: it works the commune's calendar
        // and sees the masked list, but no contact in full, no export, no import.
        var issued = await (await supervisor.PostJsonAsync("/api/tokens", $$"""{"name": "Sở Nội vụ (thay cán bộ xã)", "role": "commune-officer", "commune": "{{commune}}"}"""))
            .JsonAsync(HttpStatusCode.OK);
        using var borrowed = platform.CreateClient();
        borrowed.DefaultRequestHeaders.Authorization = new("Bearer", issued.Str("token"));
        var masked = await (await borrowed.Get($"/api/communes/{commune}/contacts")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("0913777888", masked.GetRawText(), StringComparison.Ordinal);
        await (await borrowed.Get($"/api/communes/{commune}/contacts/{mai}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await borrowed.Get($"/api/communes/{commune}/contacts/{mai}/export")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await borrowed.PostAsync($"/api/communes/{commune}/contacts/import", new StringContent(
            "Họ và tên,Số điện thoại,Đồng ý SMS\nNgười Lạ,0913000111,có\n", Encoding.UTF8, "text/csv"), Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await borrowed.PutJsonAsync($"/api/communes/{commune}/contacts/{mai}/consent", """{"sms": false}""")).ProblemAsync(HttpStatusCode.Forbidden);

        // The officer whose token the national administrator issued reads her in full, and the read is in the log with
        // the person who made it.
        var full = await (await officer.Get($"/api/communes/{commune}/contacts/{mai}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("+84913777888", full.Str("phone"));
        var audit = await (await supervisor.Get($"/api/provinces/01/audit?commune={commune}")).JsonAsync(HttpStatusCode.OK);
        var read = audit.GetProperty("items").EnumerateArray().First(e => e.Str("action") == "contact.read");
        Assert.Equal(($"Cán bộ văn phòng Hai Bà Trưng (commune-officer {commune})", mai), (read.Str("actor"), read.Str("target")));
        Assert.DoesNotContain(audit.GetProperty("items").EnumerateArray(), e => e.Str("action") == "contact.read" && e.Str("actor").StartsWith("Sở Nội vụ", StringComparison.Ordinal));
    }

    private static async Task<List<(string Notice, string Status, string MaskedAddress)>> SmsOfAsync(HttpClient client, string url, string recipient)
    {
        var report = await (await client.Get(url + "&pageSize=500")).JsonAsync(HttpStatusCode.OK);
        return [.. report.GetProperty("items").EnumerateArray()
            .Where(r => r.Str("recipientId") == recipient)
            .Select(r => (r.Str("notice"), r.Str("status"), r.Str("maskedAddress")))];
    }
}
