using System.Net;
using System.Text.Json;
using DoiThoai.Api.Security;

namespace DoiThoai.Api.Tests;

/// <summary>
/// Petitions raised at a dialogue followed to their answer: acknowledged within 10 working days, assigned with a due
/// date or escalated to the province, answered, and the petitioner told; the province sees what is open and overdue.
/// A platform of its own: these tests move its clock.
/// </summary>
public sealed class PetitionsTests : IAsyncLifetime
{
    private const string Commune = "00364";   // Phường Khương Đình, Hà Nội
    private const string Neighbour = "00367"; // Phường Thanh Xuân, Hà Nội

    private readonly PlatformFactory _platform = new();
    private HttpClient _officer = null!;
    private HttpClient _province = null!;

    public async ValueTask InitializeAsync()
    {
        _officer = await _platform.CreateClientAsAsync(Roles.CommuneOfficer, commune: Commune, name: "Văn phòng UBND phường Khương Đình");
        _province = await _platform.CreateClientAsAsync(Roles.ProvinceAdmin, province: "01", name: "Sở Nội vụ Hà Nội");
    }

    public async ValueTask DisposeAsync()
    {
        _officer.Dispose();
        _province.Dispose();
        await _platform.DisposeAsync();
    }

    private async Task<JsonElement> RecordAsync(HttpClient client, string commune, string json) =>
        await (await client.PostJsonAsync($"/api/communes/{commune}/petitions", json)).JsonAsync(HttpStatusCode.Created);

    private async Task<JsonElement> ProvinceAsync() => await (await _province.Get("/api/provinces/01/petitions")).JsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task A_petition_is_owed_an_acknowledgement_in_ten_working_days_then_its_unit_answer_and_the_petitioner_is_told()
    {
        var session = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "urgent", "form": "in-person", "title": "Đối thoại về ngập úng", "startsAt": "2026-11-02T14:00:00+07:00",
             "durationMinutes": 90, "venue": "Nhà văn hóa tổ 3", "urgentReason": "Ngập úng kéo dài sau mưa lớn ở tổ dân phố 3"}
            """)).JsonAsync(HttpStatusCode.Created);

        // Monday 2/11, 09:00: ten working days later is Monday 16/11.
        var petition = await RecordAsync(_officer, Commune, $$"""
            {"sessionId": "{{session.Str("id")}}", "source": "at-session", "field": "infrastructure",
             "content": "Đề nghị nạo vét cống thoát nước ngõ 35 trước mùa mưa năm sau",
             "petitionerName": "Nguyễn Thị Hoa", "petitionerPhone": "0912 345 111", "petitionerEmail": "hoa.nguyen@example.vn"}
            """);
        var id = petition.Str("id");
        Assert.Equal(("KN-2026-0001", "received", "2026-11-16"), (id, petition.Str("status"), petition.Str("acknowledgeBy")));
        Assert.Equal(("09xx xxx 111", "ho***@example.vn"), (petition.Str("petitionerPhone"), petition.Str("petitionerEmail")));

        var overview = await ProvinceAsync();
        Assert.Equal((1, 0), (overview.GetProperty("open").GetInt32(), overview.GetProperty("overdue").GetInt32()));

        // Tuesday 17/11: not acknowledged in time. The commune's list and the province both show it.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 17, 9, 0, 0, TimeSpan.FromHours(7)));
        var overdue = await (await _officer.Get($"/api/communes/{Commune}/petitions?overdue=true")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(overdue.EnumerateArray()).Str("id"));
        overview = await ProvinceAsync();
        var commune = Assert.Single(overview.GetProperty("communes").EnumerateArray());
        Assert.Equal((Commune, 1, 1, "2026-11-16"), (commune.Str("communeCode"), commune.GetProperty("open").GetInt32(), commune.GetProperty("overdue").GetInt32(), commune.Str("oldestOwedBy")));

        // Given to the economic department by 30/11: assigning is not acknowledging (Luật Tiếp công dân, Điều 28), so the
        // petition stays overdue until the petitioner is told it was received.
        var assigned = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/petitions/{id}/assign",
            """{"unit": "Phòng Kinh tế, Hạ tầng và Đô thị", "dueDate": "2026-11-30", "note": "Khảo sát hiện trường"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("assigned", "2026-11-16", true), (assigned.Str("status"), assigned.Str("owedBy"), assigned.GetProperty("overdue").GetBoolean()));
        Assert.Equal(1, (await ProvinceAsync()).GetProperty("overdue").GetInt32());
        await (await _officer.PostJsonAsync($"/api/communes/{Commune}/petitions/{id}/assign", """{"unit": "Phòng Kinh tế", "dueDate": "2026-11-01"}""")).ProblemAsync(HttpStatusCode.BadRequest);

        // Acknowledged late, with the case number and the day the answer is owed by (30 days by default): what is owed
        // now is the unit's answer by 30/11; a second acknowledgement is refused.
        var acknowledged = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/petitions/{id}/acknowledge", "{}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("assigned", "2026-11-30", false, "2026-12-17"),
            (acknowledged.Str("status"), acknowledged.Str("owedBy"), acknowledged.GetProperty("overdue").GetBoolean(), acknowledged.Str("answerDueDate")));
        await (await _officer.PostJsonAsync($"/api/communes/{Commune}/petitions/{id}/acknowledge", "{}")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, (await ProvinceAsync()).GetProperty("overdue").GetInt32());

        // Answered: the petitioner is told by SMS and e-mail, on the channels she gave.
        var answered = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/petitions/{id}/answer",
            """{"answer": "Phường đã nạo vét cống ngõ 35 ngày 25/11/2026 và sẽ kiểm tra lại trước mùa mưa."}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("answered", answered.Str("status"));
        Assert.Equal(["received", "assigned", "acknowledged", "answered"], answered.GetProperty("history").EnumerateArray().Select(e => e.Str("kind")));
        Assert.All(answered.GetProperty("history").EnumerateArray(), e => Assert.Equal($"Văn phòng UBND phường Khương Đình (commune-officer {Commune})", e.Str("by")));
        var detail = await (await _officer.Get($"/api/communes/{Commune}/petitions/{id}")).JsonAsync(HttpStatusCode.OK);
        var channels = detail.GetProperty("answerDeliveries").EnumerateArray().ToDictionary(t => t.Str("channel"), t => t.GetProperty("pending").GetInt32() + t.GetProperty("sent").GetInt32() + t.GetProperty("failed").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["email"] = 2, ["sms"] = 2 }, channels); // the acknowledgement and the answer
        await (await _officer.PostJsonAsync($"/api/communes/{Commune}/petitions/{id}/answer", """{"answer": "Lần nữa"}""")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, (await ProvinceAsync()).GetProperty("open").GetInt32());

        // Thirty days after the answer her phone and address have served their purpose: erased from the petition and from
        // the record of its messages (the messages' outcome stays); her name stays with the petition.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 17, 9, 1, 0, TimeSpan.FromHours(7)));
        var erased = await Eventually.ReachedAsync(async () => await (await _officer.Get($"/api/communes/{Commune}/petitions/{id}")).JsonAsync(HttpStatusCode.OK),
            p => p.GetProperty("petitionerContactErasedAt").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(30), "the petitioner's contact details erased");
        Assert.Equal(("Nguyễn Thị Hoa", JsonValueKind.Null, JsonValueKind.Null),
            (erased.Str("petitionerName"), erased.GetProperty("petitionerPhone").ValueKind, erased.GetProperty("petitionerEmail").ValueKind));
        Assert.Equal(2, erased.GetProperty("answerDeliveries").GetArrayLength());

        var audit = await (await _province.Get($"/api/provinces/01/audit?commune={Commune}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["petition.answered", "petition.acknowledged", "petition.assigned", "petition.recorded"],
            audit.GetProperty("items").EnumerateArray().Select(e => e.Str("action")).Where(a => a.StartsWith("petition.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task What_is_beyond_the_commune_goes_to_the_province_and_other_communes_petitions_stay_out_of_reach()
    {
        var petition = await RecordAsync(_province, Neighbour, """
            {"source": "letter", "field": "land", "content": "Đề nghị thành phố xem xét lại giá bồi thường giải phóng mặt bằng đường vành đai",
             "petitionerName": "Phạm Văn Long", "petitionerEmail": "long.pham@example.vn"}
            """);
        var escalated = await (await _province.PostJsonAsync($"/api/communes/{Neighbour}/petitions/{petition.Str("id")}/escalate",
            """{"reason": "Giá bồi thường do UBND thành phố quyết định"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("escalated", "Thành phố Hà Nội"), (escalated.Str("status"), escalated.Str("assignedUnit")));
        // Escalating is the response Điều 28 asks for; the answer keeps a due day (30 days) for the commune to follow up.
        Assert.Equal(("2026-12-02", "2026-12-02"), (escalated.Str("answerDueDate"), escalated.Str("owedBy")));
        var row = (await ProvinceAsync()).GetProperty("communes").EnumerateArray().Single(c => c.Str("communeCode") == Neighbour);
        Assert.Equal((1, 0), (row.GetProperty("escalated").GetInt32(), row.GetProperty("overdue").GetInt32()));
        // The petitioner is told where the petition went.
        var told = await Eventually.ReachedAsync(async () => await (await _province.Get($"/api/communes/{Neighbour}/petitions/{petition.Str("id")}")).JsonAsync(HttpStatusCode.OK),
            p => p.GetProperty("answerDeliveries").GetArrayLength() == 1, TimeSpan.FromSeconds(10), "the escalation queued for the petitioner");
        Assert.Equal("email", told.GetProperty("answerDeliveries")[0].Str("channel"));

        await (await _officer.Get($"/api/communes/{Neighbour}/petitions")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await _officer.PostJsonAsync($"/api/communes/{Neighbour}/petitions/{petition.Str("id")}/answer", """{"answer": "x"}""")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_petition_that_makes_no_sense_is_refused_with_reasons()
    {
        foreach (var body in new[]
        {
            """{"source": "at-session", "field": "land", "content": "  "}""",
            """{"source": "at-session", "field": "land", "content": "Đề nghị", "petitionerName": "An", "petitionerPhone": "0243 825 1234"}""",
            """{"source": "at-session", "field": "land", "content": "Đề nghị", "petitionerPhone": "0912345678"}""",
            """{"source": "at-session", "field": "land", "content": "Đề nghị", "sessionId": "2026-9999"}""",
            """{"source": "rumour", "field": "land", "content": "Đề nghị"}""",
            """{"source": "letter", "field": "land", "content": "Đề nghị", "receivedOn": "2026-11-03"}""", // tomorrow
        })
        {
            await (await _officer.PostJsonAsync($"/api/communes/{Commune}/petitions", body)).ProblemAsync(HttpStatusCode.BadRequest);
        }

        // Luật Tiếp công dân, Điều 28: a letter received on Wednesday 28/10 and recorded on Monday 2/11 is owed its
        // acknowledgement by the 10th working day after 28/10.
        var late = await RecordAsync(_officer, Commune, """{"source": "letter", "field": "land", "content": "Đề nghị cấp giấy chứng nhận", "receivedOn": "2026-10-28"}""");
        Assert.Equal(("2026-10-28", "2026-11-11"), (late.Str("receivedOn"), late.Str("acknowledgeBy")));

        await (await _officer.Get($"/api/communes/{Commune}/petitions/KN-2026-9999")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _officer.Get($"/api/communes/{Commune}/petitions?status=closed")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
