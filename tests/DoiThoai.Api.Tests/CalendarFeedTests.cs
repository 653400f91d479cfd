using System.Net;
using Ical.Net.CalendarComponents;

namespace DoiThoai.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class CalendarFeedTests(PlatformFactory platform)
{
    private readonly HttpClient _client = platform.CreateClient();

    [Fact]
    public async Task The_feed_is_an_iCalendar_that_parses_with_Vietnam_times_stable_uids_and_cancelled_sessions_marked()
    {
        const string Commune = "00136";
        var kept = await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "thematic", "form": "in-person", "title": "Đối thoại với thanh niên", "topic": "Việc làm sau tốt nghiệp",
             "targetGroup": "youth", "startsAt": "2026-11-21T08:00:00+07:00", "durationMinutes": 90, "venue": "Nhà văn hóa tổ 5"}
            """)).JsonAsync(HttpStatusCode.Created);
        var dropped = await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "online", "title": "Đối thoại định kỳ", "startsAt": "2026-12-05T14:00:00+07:00",
             "durationMinutes": 120, "onlineUrl": "https://hop.example.vn/phuc-loi"}
            """)).JsonAsync(HttpStatusCode.Created);
        await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions/{dropped.Str("id")}/cancel", """{"reason": "Dời sang năm sau"}"""))
            .JsonAsync(HttpStatusCode.OK);

        var response = await _client.Get($"/api/communes/{Commune}/calendar.ics");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.ContentType()?.MediaType);

        var calendar = Ical.Net.Calendar.Load(text)!;
        Assert.Equal("Asia/Ho_Chi_Minh", Assert.Single(calendar.TimeZones).TzId);
        var events = calendar.Events.ToDictionary(e => e.Uid!);
        var youth = events[$"{Commune}-{kept.Str("id")}@doithoai-cluster"];
        Assert.Equal("Đối thoại chuyên đề: Đối thoại với thanh niên", youth.Summary);
        Assert.Equal(("Asia/Ho_Chi_Minh", 8, 0), (youth.Start!.TzId, youth.Start.Hour, youth.Start.Minute));
        Assert.Equal(new DateTime(2026, 11, 21, 1, 0, 0, DateTimeKind.Utc), youth.Start.AsUtc);
        Assert.Equal(new DateTime(2026, 11, 21, 2, 30, 0, DateTimeKind.Utc), youth.End!.AsUtc);
        Assert.Equal("Nhà văn hóa tổ 5", youth.Location);
        var cancelled = events[$"{Commune}-{dropped.Str("id")}@doithoai-cluster"];
        Assert.Equal(Ical.Net.EventStatus.Cancelled, cancelled.Status);
        Assert.Equal(1, cancelled.Sequence);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal); // RFC 5545 lines end in CRLF
    }
}
