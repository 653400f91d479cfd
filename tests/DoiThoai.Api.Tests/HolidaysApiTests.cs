using System.Net;

namespace DoiThoai.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class HolidaysApiTests(PlatformFactory platform)
{
    private readonly HttpClient _client = platform.CreateClient();

    [Fact]
    public async Task The_default_list_for_2026_has_Tet_on_the_Vietnamese_date_and_Culture_Day()
    {
        var year = await (await _client.Get("/api/holidays/2026")).JsonAsync(HttpStatusCode.OK);

        Assert.False(year.GetProperty("isOfficialList").GetBoolean());
        var dates = year.GetProperty("days").EnumerateArray().ToDictionary(d => d.Str("date"), d => d.Str("name"));
        Assert.Equal("Tết Nguyên đán (mùng 1)", dates["2026-02-17"]);
        Assert.Equal("Ngày Văn hóa Việt Nam (24/11)", dates["2026-11-24"]);
        Assert.StartsWith("Nghỉ bù", dates["2026-04-27"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_official_list_replaces_the_default_and_then_drives_working_days()
    {
        // 2027, province 46 counts 7 working days; the official list makes Monday 4 January 2027 a day off.
        await (await _client.PutJsonAsync("/api/provinces/46/notice-policy", """{"minimumNoticeDays": 7, "dayKind": "working"}""")).JsonAsync(HttpStatusCode.OK);
        var commune = Domain.AdminUnits.AdminUnitRegistry.Official.FindProvince("46")!.Communes[0].Code;
        var official = """
            {"days": [{"date": "2027-01-01", "name": "Tết Dương lịch"}, {"date": "2027-01-04", "name": "Nghỉ theo quyết định của Thủ tướng"}]}
            """;

        var replaced = await (await _client.PutJsonAsync("/api/holidays/2027", official)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, replaced.GetProperty("holidays").GetProperty("days").GetArrayLength());
        var read = await (await _client.Get("/api/holidays/2027")).JsonAsync(HttpStatusCode.OK);
        Assert.True(read.GetProperty("isOfficialList").GetBoolean());
        Assert.Equal(["2027-01-01", "2027-01-04"], read.GetProperty("days").EnumerateArray().Select(d => d.Str("date")));

        // Thursday 7/1/2027: back over 6, 5, (4 is off, 2–3 the weekend, 1 off) 31/12, 30/12, 29/12, 28/12 to Friday 25/12/2026.
        var session = await (await _client.PostJsonAsync($"/api/communes/{commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Đối thoại đầu năm", "startsAt": "2027-01-07T08:00:00+07:00",
             "durationMinutes": 120, "venue": "Hội trường"}
            """)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("2026-12-25T08:00:00+07:00", session.Str("noticeDeadline"));

        // The list is amended (Wednesday 6/1 off as well): the stored deadline is counted again, a day earlier, and the
        // commune's officer is told (issue 25: stored deadlines follow a changed list).
        await (await _client.PostAsync($"/api/communes/{commune}/contacts/import", new StringContent(
            "Họ và tên,Vai trò,Thôn/Tổ dân phố,Email,Đồng ý email\nTrần Văn Bình,cán bộ,Thôn 1,vanphong@example.vn,có\n",
            System.Text.Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        var amended = await (await _client.PutJsonAsync("/api/holidays/2027", """
            {"days": [{"date": "2027-01-01", "name": "Tết Dương lịch"}, {"date": "2027-01-04", "name": "Nghỉ theo quyết định của Thủ tướng"},
                      {"date": "2027-01-06", "name": "Nghỉ bổ sung"}]}
            """)).JsonAsync(HttpStatusCode.OK);
        Assert.True(amended.GetProperty("noticeDeadlinesMoved").GetInt32() >= 1);
        var url = $"/api/communes/{commune}/sessions/{session.Str("id")}";
        var recounted = await (await _client.Get(url)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2026-12-24T08:00:00+07:00", recounted.Str("noticeDeadline"));
        var told = await Eventually.ReachedAsync(async () => await (await _client.Get($"{url}/deliveries?channel=email")).JsonAsync(HttpStatusCode.OK),
            d => d.GetProperty("items").EnumerateArray().Any(i => i.Str("notice").StartsWith("deadline-recounted-", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the officer's notice of the moved deadline");
        Assert.Contains(told.GetProperty("items").EnumerateArray(), i => i.Str("notice").StartsWith("deadline-recounted-", StringComparison.Ordinal) && i.Str("maskedAddress").EndsWith("@example.vn", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2028", """{"days": [{"date": "2027-05-01", "name": "Sai năm"}]}""")]
    [InlineData("2028", """{"days": [{"date": "2028-05-01", "name": ""}]}""")]
    [InlineData("2028", """{"days": [{"date": "2028-05-01", "name": "Một"}, {"date": "2028-05-01", "name": "Hai"}]}""")]
    [InlineData("2028", """{"days": [{"date": "2028-02-30", "name": "Không có ngày này"}]}""")]
    [InlineData("2028", """{"days": [], "makeUpWorkingDays": [{"date": "2028-05-03", "name": "Thứ Tư không phải ngày nghỉ cuối tuần"}]}""")]
    [InlineData("2028", """{"date": "2028-05-01"}""")]
    [InlineData("2028", """[{"date": "2028-05-01", "name": "Danh sách cũ, không có days"}]""")]
    [InlineData("abcd", """{"days": []}""")]
    [InlineData("1800", """{"days": []}""")]
    public async Task An_invalid_list_or_year_is_a_400_problem_and_the_year_keeps_its_list(string year, string body)
    {
        await (await _client.PutJsonAsync($"/api/holidays/{year}", body)).ProblemAsync(HttpStatusCode.BadRequest);

        var year2028 = await (await _client.Get("/api/holidays/2028")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(year2028.GetProperty("days").EnumerateArray(), d => d.Str("date") == "2028-01-26"); // Tết 2028, from the default list
    }
}
