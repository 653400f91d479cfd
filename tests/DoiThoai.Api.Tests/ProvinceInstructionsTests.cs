using System.Net;
using System.Text.Json;
using DoiThoai.Api.Security;

namespace DoiThoai.Api.Tests;

/// <summary>
/// A province-wide instruction reaches every commune office and is tracked to completion; residents' requests for a
/// dialogue are owed once a tenth of the voters asked, and the province sees it. A platform of its own (moves its clock).
/// </summary>
public sealed class ProvinceInstructionsTests : IAsyncLifetime
{
    private const string Province = "01";
    private const string KhuongDinh = "00364";
    private const string ThanhXuan = "00367";

    private readonly PlatformFactory _platform = new();
    private HttpClient _province = null!;
    private HttpClient _khuongDinh = null!;
    private HttpClient _thanhXuan = null!;

    public async ValueTask InitializeAsync()
    {
        _province = await _platform.CreateClientAsAsync(Roles.ProvinceAdmin, province: Province, name: "Sở Nội vụ Hà Nội");
        _khuongDinh = await _platform.CreateClientAsAsync(Roles.CommuneOfficer, commune: KhuongDinh, name: "Văn phòng UBND phường Khương Đình");
        _thanhXuan = await _platform.CreateClientAsAsync(Roles.CommuneOfficer, commune: ThanhXuan, name: "Văn phòng UBND phường Thanh Xuân");
    }

    public async ValueTask DisposeAsync()
    {
        _province.Dispose();
        _khuongDinh.Dispose();
        _thanhXuan.Dispose();
        await _platform.DisposeAsync();
    }

    private static string Periodic(string startsAt) => $$"""
        {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ năm 2026", "startsAt": "{{startsAt}}",
         "durationMinutes": 120, "venue": "Hội trường UBND phường"}
        """;

    private async Task<JsonElement> InstructionAsync(string id) =>
        (await (await _province.Get($"/api/provinces/{Province}/instructions")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().Single(i => i.Str("id") == id);

    private static JsonElement ProgressOf(JsonElement instruction, string commune) =>
        instruction.GetProperty("progress").EnumerateArray().Single(p => p.Str("communeCode") == commune);

    [Fact]
    public async Task A_dated_instruction_reaches_every_commune_and_is_done_where_the_periodic_dialogue_is_held_by_its_date()
    {
        var issued = await (await _province.PostJsonAsync($"/api/provinces/{Province}/instructions", """
            {"text": "Các xã, phường tổ chức hội nghị đối thoại định kỳ năm 2026 trước ngày 15/12/2026.", "periodicBy": "2026-12-15"}
            """)).JsonAsync(HttpStatusCode.OK);
        var id = issued.Str("id");
        var communes = issued.GetProperty("communes").GetInt32();
        Assert.Equal((0, 0, 0), (issued.GetProperty("acknowledged").GetInt32(), issued.GetProperty("onTrack").GetInt32(), issued.GetProperty("done").GetInt32()));
        Assert.Equal(communes, (await (await _province.Get($"/api/provinces/{Province}/communes")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());

        // Every commune office sees it, with its own progress only.
        var seen = await (await _thanhXuan.Get($"/api/communes/{ThanhXuan}/instructions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, seen[0].Str("id"));
        Assert.Equal(ThanhXuan, seen[0].GetProperty("progress").Str("communeCode"));

        var acknowledged = await (await _khuongDinh.Post($"/api/communes/{KhuongDinh}/instructions/{id}/acknowledge")).JsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, acknowledged.GetProperty("progress").GetProperty("acknowledgedAt").ValueKind);
        var refused = await (await _khuongDinh.Post($"/api/communes/{KhuongDinh}/instructions/{id}/done")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("đã tổ chức trước hạn", refused.Str("detail"));

        // Khương Đình schedules before the date, Thanh Xuân after it.
        var session = await (await _khuongDinh.PostJsonAsync($"/api/communes/{KhuongDinh}/sessions", Periodic("2026-12-10T08:00:00+07:00"))).JsonAsync(HttpStatusCode.Created);
        await (await _thanhXuan.PostJsonAsync($"/api/communes/{ThanhXuan}/sessions", Periodic("2026-12-20T08:00:00+07:00"))).JsonAsync(HttpStatusCode.Created);
        var tracked = await InstructionAsync(id);
        Assert.Equal((1, 1, 0), (tracked.GetProperty("acknowledged").GetInt32(), tracked.GetProperty("onTrack").GetInt32(), tracked.GetProperty("done").GetInt32()));
        Assert.Equal("scheduled-late", ProgressOf(tracked, ThanhXuan).Str("periodic"));

        // The instruction's date is the overview's default.
        var overview = await (await _province.Get($"/api/provinces/{Province}/overview")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2026-12-15", overview.Str("periodicBy"));
        Assert.Equal(1, overview.GetProperty("periodicCounts").GetProperty("scheduledLate").GetInt32());

        // 10 December: held. Done.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 11, 0, 0, TimeSpan.FromHours(7)));
        await (await _khuongDinh.Post($"/api/communes/{KhuongDinh}/sessions/{session.Str("id")}/held")).JsonAsync(HttpStatusCode.OK);
        var done = await InstructionAsync(id);
        Assert.Equal(1, done.GetProperty("done").GetInt32());
        Assert.True(ProgressOf(done, KhuongDinh).GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task An_undated_instruction_is_done_where_the_commune_reports_it_and_a_bad_one_is_refused()
    {
        var bad = await (await _province.PostJsonAsync($"/api/provinces/{Province}/instructions", """{"text": " ", "periodicBy": "2020-01-01"}""")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["periodicBy", "text"], bad.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(0, (await (await _province.Get($"/api/provinces/{Province}/instructions")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());

        var issued = await (await _province.PostJsonAsync($"/api/provinces/{Province}/instructions", """
            {"text": "Rà soát danh sách đại biểu mời dự hội nghị đối thoại, báo cáo Sở Nội vụ."}
            """)).JsonAsync(HttpStatusCode.OK);
        var id = issued.Str("id");
        await (await _thanhXuan.Post($"/api/communes/{ThanhXuan}/instructions/{id}/done")).JsonAsync(HttpStatusCode.OK);
        var tracked = await InstructionAsync(id);
        Assert.Equal((1, 1), (tracked.GetProperty("acknowledged").GetInt32(), tracked.GetProperty("done").GetInt32()));
        await (await _thanhXuan.Post($"/api/communes/{ThanhXuan}/instructions/CD-2026-999/done")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_request_signed_by_a_tenth_of_the_voters_is_owed_a_dialogue_until_a_session_answers_it()
    {
        var request = await (await _khuongDinh.PostJsonAsync($"/api/communes/{KhuongDinh}/dialogue-requests", """
            {"subject": "Đề nghị đối thoại về phương án cải tạo chợ Khương Đình", "signatures": 950, "voters": 9501, "receivedOn": "2026-11-01",
             "representative": "Nguyễn Văn Toàn"}
            """)).JsonAsync(HttpStatusCode.Created);
        var id = request.Str("id");
        Assert.Equal((951, false, false), (request.GetProperty("required").GetInt32(), request.GetProperty("thresholdReached").GetBoolean(), request.GetProperty("owed").GetBoolean()));

        async Task<int> OwedAsync() => (await (await _province.Get($"/api/provinces/{Province}/overview")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("communes").EnumerateArray().Single(c => c.Str("code") == KhuongDinh).GetProperty("dialogueRequestsOwed").GetInt32();
        Assert.Equal(0, await OwedAsync());

        await (await _khuongDinh.PostJsonAsync($"/api/communes/{KhuongDinh}/dialogue-requests/{id}/signatures", """{"signatures": 900}""")).ProblemAsync(HttpStatusCode.BadRequest);
        var reached = await (await _khuongDinh.PostJsonAsync($"/api/communes/{KhuongDinh}/dialogue-requests/{id}/signatures", """{"signatures": 951}""")).JsonAsync(HttpStatusCode.OK);
        Assert.True(reached.GetProperty("owed").GetBoolean());
        Assert.Equal(1, await OwedAsync());

        // A session that does not exist does not answer it; a thematic dialogue on the market does.
        await (await _khuongDinh.PostJsonAsync($"/api/communes/{KhuongDinh}/dialogue-requests/{id}/session", """{"sessionId": "2026-0999"}""")).ProblemAsync(HttpStatusCode.BadRequest);
        var session = await (await _khuongDinh.PostJsonAsync($"/api/communes/{KhuongDinh}/sessions", """
            {"kind": "thematic", "form": "in-person", "title": "Đối thoại về cải tạo chợ Khương Đình", "topic": "Phương án cải tạo chợ",
             "targetGroup": "business-people", "startsAt": "2026-11-25T08:00:00+07:00", "durationMinutes": 120, "venue": "Nhà văn hóa tổ 5"}
            """)).JsonAsync(HttpStatusCode.Created);
        var answered = await (await _khuongDinh.PostJsonAsync($"/api/communes/{KhuongDinh}/dialogue-requests/{id}/session", $$"""{"sessionId": "{{session.Str("id")}}"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.False(answered.GetProperty("owed").GetBoolean());
        Assert.Equal(0, await OwedAsync());
    }
}
