using System.Net;
using System.Text.Json;

namespace DoiThoai.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class SessionsApiTests(PlatformFactory platform)
{
    private readonly HttpClient _client = platform.CreateClient();

    private static string Periodic(string startsAt = "2026-11-20T08:00:00+07:00", string venue = "Hội trường UBND phường") => $$"""
        {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ năm 2026",
         "startsAt": "{{startsAt}}", "durationMinutes": 120, "venue": "{{venue}}"}
        """;

    private async Task<JsonElement> ScheduleAsync(string commune, string body) =>
        await (await _client.PostJsonAsync($"/api/communes/{commune}/sessions", body)).JsonAsync(HttpStatusCode.Created);

    private async Task<int> CountAsync(string commune) =>
        (await (await _client.Get($"/api/communes/{commune}/sessions")).JsonAsync(HttpStatusCode.OK)).GetArrayLength();

    [Fact]
    public async Task Scheduling_answers_201_with_the_session_its_notice_deadline_and_where_to_find_it()
    {
        var response = await _client.PostJsonAsync("/api/communes/20260/sessions", Periodic());
        var session = await response.JsonAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/communes/20260/sessions/{session.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(("scheduled", "periodic", "in-person"), (session.Str("status"), session.Str("kind"), session.Str("form")));
        Assert.Equal("2026-11-13T08:00:00+07:00", session.Str("noticeDeadline"));
        Assert.Equal("2026-11-20T08:00:00+07:00", session.Str("startsAt"));

        var read = await (await _client.Get(response.Headers.Location!.OriginalString)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(session.Str("id"), read.Str("id"));
    }

    [Fact]
    public async Task A_start_given_in_UTC_is_kept_as_the_same_moment_in_Vietnam_time()
    {
        var session = await ScheduleAsync("19009", Periodic(startsAt: "2026-11-20T01:00:00Z"));

        Assert.Equal("2026-11-20T08:00:00+07:00", session.Str("startsAt"));
    }

    [Fact]
    public async Task Too_little_notice_is_a_422_problem_with_the_earliest_allowed_start_and_nothing_is_scheduled()
    {
        var problem = await (await _client.PostJsonAsync("/api/communes/00634/sessions", Periodic(startsAt: "2026-11-05T08:00:00+07:00")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("2026-11-09T09:00:00+07:00", problem.Str("earliestAllowedStart"));
        Assert.Contains("ít nhất 7 ngày", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("00634"));
    }

    [Fact]
    public async Task An_urgent_session_a_few_hours_ahead_is_scheduled_with_its_reason()
    {
        var session = await ScheduleAsync("00008", """
            {"kind": "urgent", "form": "in-person", "title": "Đối thoại về sạt lở bờ sông", "startsAt": "2026-11-02T14:00:00+07:00",
             "durationMinutes": 60, "venue": "Bờ sông tổ dân phố 3", "urgentReason": "Sạt lở đe dọa 20 hộ dân"}
            """);

        Assert.Equal(("urgent", "Sạt lở đe dọa 20 hộ dân"), (session.Str("kind"), session.Str("urgentReason")));
        Assert.Equal("2026-11-02T14:00:00+07:00", session.Str("noticeDeadline"));
    }

    [Theory]
    [InlineData("""{"kind": "urgent", "form": "in-person", "title": "Sạt lở", "startsAt": "2026-11-02T14:00:00+07:00", "durationMinutes": 60, "venue": "Bờ sông"}""", "urgentReason")]
    [InlineData("""{"kind": "thematic", "form": "online", "title": "Chuyên đề", "startsAt": "2026-11-20T08:00:00+07:00", "durationMinutes": 60}""", "topic")]
    [InlineData("""{"kind": "periodic", "form": "in-person", "title": "", "startsAt": "2026-11-20T08:00:00+07:00", "durationMinutes": 60, "venue": "Hội trường"}""", "title")]
    [InlineData("""{"kind": "periodic", "form": "in-person", "title": "Định kỳ", "startsAt": "2026-11-20T08:00:00+07:00", "durationMinutes": 5, "venue": "Hội trường"}""", "durationMinutes")]
    [InlineData("""{"kind": "periodic", "form": "online", "title": "Định kỳ", "startsAt": "2026-11-20T08:00:00+07:00", "durationMinutes": 60, "onlineUrl": "javascript:alert(1)"}""", "onlineUrl")]
    [InlineData("""{"kind": "periodic", "form": "in-person", "title": "Định kỳ", "startsAt": "2031-11-20T08:00:00+07:00", "durationMinutes": 60, "venue": "Hội trường"}""", "startsAt")]
    public async Task A_session_missing_what_its_kind_needs_is_a_400_problem_naming_the_field(string body, string field)
    {
        var problem = await (await _client.PostJsonAsync("/api/communes/00025/sessions", body)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await CountAsync("00025"));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"kind": "weekly", "form": "in-person", "title": "x", "startsAt": "2026-11-20T08:00:00+07:00", "durationMinutes": 60}""")]
    [InlineData("""{"kind": "periodic", "form": "in-person", "title": "x", "startsAt": "2026-11-20T08:00:00", "durationMinutes": 60}""")]
    [InlineData("""{"kind": "periodic", "form": "in-person", "title": "x", "startsAt": "20/11/2026", "durationMinutes": 60}""")]
    [InlineData("""{"kind": "periodic", "form": "in-person", "title": "x", "startsAt": "2026-11-20T08:00:00+07:00", "durationMinutes": "two hours"}""")]
    [InlineData("""{"kind": "periodic", "form": "in-person", "title": null, "startsAt": "2026-11-20T08:00:00+07:00", "durationMinutes": 60}""")]
    [InlineData("""{"kind": "periodic", "form": "in-person", "startsAt": "2026-11-20T08:00:00+07:00", "durationMinutes": 60}""")]
    [InlineData("""{"kind": "periodic", "form": "in-person", "title": "x", "startsAt": "2026-11-20T08:00:00+07:00", "durationMinutes": 60, "status": "held"}""")]
    [InlineData("""{"kind": "periodic", "form": "in-person", "title": "x", "startsAt": "9999-99-99T08:00:00+07:00", "durationMinutes": 60}""")]
    [InlineData("""{"kind": 0, "form": "in-person", "title": "x", "startsAt": "2026-11-20T08:00:00+07:00", "durationMinutes": 60}""")]
    public async Task Malformed_json_is_a_400_problem_and_schedules_nothing(string body)
    {
        var problem = await (await _client.PostJsonAsync("/api/communes/00070/sessions", body)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
        Assert.Equal(0, await CountAsync("00070"));
    }

    [Fact]
    public async Task A_body_larger_than_the_limit_is_refused_with_413()
    {
        var huge = Periodic().Replace("Hội nghị đối thoại định kỳ năm 2026", new string('a', 400_000), StringComparison.Ordinal);

        await (await _client.PostJsonAsync("/api/communes/00070/sessions", huge)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Scheduling_in_an_unknown_commune_is_a_404_problem()
    {
        await (await _client.PostJsonAsync("/api/communes/99999/sessions", Periodic())).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_clash_at_the_same_venue_is_a_409_problem_naming_the_other_session()
    {
        var first = await ScheduleAsync("00082", Periodic());

        var problem = await (await _client.PostJsonAsync("/api/communes/00082/sessions", Periodic(startsAt: "2026-11-20T09:30:00+07:00")))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(first.Str("id"), problem.Str("conflictingSessionId"));
        Assert.Equal(1, await CountAsync("00082"));
    }

    [Fact]
    public async Task Rescheduling_rechecks_notice_and_records_the_change()
    {
        var session = await ScheduleAsync("00091", Periodic());
        var url = $"/api/communes/00091/sessions/{session.Str("id")}";

        await (await _client.PostJsonAsync(url + "/reschedule", """{"startsAt": "2026-11-04T08:00:00+07:00", "reason": "Lãnh đạo bận"}"""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await _client.PostJsonAsync(url + "/reschedule", """{"startsAt": "2026-11-27T08:00:00+07:00"}"""))
            .ProblemAsync(HttpStatusCode.BadRequest);

        var moved = await (await _client.PostJsonAsync(url + "/reschedule", """{"startsAt": "2026-11-27T08:00:00+07:00", "reason": "Lãnh đạo bận"}"""))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("2026-11-27T08:00:00+07:00", "2026-11-20T08:00:00+07:00"), (moved.Str("startsAt"), moved.Str("noticeDeadline")));
        var change = moved.GetProperty("history")[1];
        Assert.Equal(("rescheduled", "2026-11-20T08:00:00+07:00", "Lãnh đạo bận"), (change.Str("kind"), change.Str("previousStart"), change.Str("reason")));
    }

    [Fact]
    public async Task Cancelling_needs_a_reason_and_a_cancelled_session_cannot_be_cancelled_again()
    {
        var session = await ScheduleAsync("00097", Periodic());
        var url = $"/api/communes/00097/sessions/{session.Str("id")}";

        await (await _client.PostJsonAsync(url + "/cancel", """{"reason": "   "}""")).ProblemAsync(HttpStatusCode.BadRequest);
        var cancelled = await (await _client.PostJsonAsync(url + "/cancel", """{"reason": "Bão số 15"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("cancelled", "Bão số 15"), (cancelled.Str("status"), cancelled.Str("cancelReason")));
        await (await _client.PostJsonAsync(url + "/cancel", """{"reason": "Lần nữa"}""")).ProblemAsync(HttpStatusCode.Conflict);
        await (await _client.PostJsonAsync(url + "/reschedule", """{"startsAt": "2026-11-27T08:00:00+07:00", "reason": "x"}""")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_session_cannot_be_marked_held_before_it_starts()
    {
        var session = await ScheduleAsync("00103", Periodic());

        await (await _client.Post($"/api/communes/00103/sessions/{session.Str("id")}/held")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_sessions_are_a_404_problem_on_every_verb()
    {
        await (await _client.Get("/api/communes/00118/sessions/2026-9999")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostJsonAsync("/api/communes/00118/sessions/2026-9999/cancel", """{"reason": "x"}""")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostJsonAsync("/api/communes/00118/sessions/2026-9999/reschedule", """{"startsAt": "2026-11-27T08:00:00+07:00", "reason": "x"}"""))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.Post("/api/communes/00118/sessions/2026-9999/held")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.Get("/api/communes/00118/sessions/" + new string('9', 2000))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Sessions_are_listed_between_the_dates_asked()
    {
        await ScheduleAsync("00127", Periodic(startsAt: "2026-11-20T08:00:00+07:00"));
        await ScheduleAsync("00127", Periodic(startsAt: "2026-12-15T08:00:00+07:00"));

        var november = await (await _client.Get("/api/communes/00127/sessions?from=2026-11-01&to=2026-12-01")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["2026-11-20T08:00:00+07:00"], november.EnumerateArray().Select(s => s.Str("startsAt")));
        // An unencoded '+' arrives as a space; it still means +07:00.
        var fromDecember = await (await _client.Get("/api/communes/00127/sessions?from=2026-12-01T00:00:00+07:00")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["2026-12-15T08:00:00+07:00"], fromDecember.EnumerateArray().Select(s => s.Str("startsAt")));

        await (await _client.Get("/api/communes/00127/sessions?from=yesterday")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.Get("/api/communes/00127/sessions?from=2026-12-01&to=2026-11-01")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_province_overview_shows_what_its_communes_scheduled()
    {
        await ScheduleAsync("10993", Periodic(startsAt: "2026-11-25T08:00:00+07:00"));
        await ScheduleAsync("10714", """
            {"kind": "urgent", "form": "in-person", "title": "Ô nhiễm nguồn nước", "startsAt": "2026-11-03T08:00:00+07:00",
             "durationMinutes": 90, "venue": "Nhà văn hóa khu 5", "urgentReason": "Cá chết hàng loạt trên kênh"}
            """);

        var overview = await (await _client.Get("/api/provinces/31/overview")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2026, overview.GetProperty("year").GetInt32());
        var urgent = Assert.Single(overview.GetProperty("urgentNext7Days").EnumerateArray());
        Assert.Equal(("10714", "Phường Nhị Chiểu"), (urgent.Str("communeCode"), urgent.Str("communeName")));
        Assert.True(overview.GetProperty("upcomingByKind").GetProperty("periodic").GetInt32() >= 1);
        var without = overview.GetProperty("withoutPeriodicDialogue").EnumerateArray().Select(c => c.Str("code")).ToList();
        Assert.DoesNotContain("10993", without);
        Assert.Contains("10714", without);
    }

    [Fact]
    public async Task Dieu_43_a_dialogue_held_before_the_platform_is_recorded_after_the_fact_marked_late_audited_and_counted_by_the_province()
    {
        // Điều 43's yearly dialogue, held on 15/10/2026 before the commune used the platform (province 44, Quảng Trị).
        const string Commune = "18871"; // Phường Đồng Sơn
        var province = Domain.AdminUnits.AdminUnitRegistry.Official.FindCommune(Commune)!.ProvinceCode;
        var response = await _client.PostJsonAsync($"/api/communes/{Commune}/sessions/past", """
            {"session": {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại năm 2026", "startsAt": "2026-10-15T08:00:00+07:00",
                         "durationMinutes": 150, "venue": "Hội trường UBND",
                         "organisers": {"chair": {"name": "Hoàng Văn Nam", "title": "Chủ tịch UBND phường"},
                                        "secretary": {"name": "Lê Thị Thu", "title": "Chuyên viên Văn phòng HĐND và UBND"}}},
             "minutes": "Hội nghị khai mạc lúc 8 giờ; 12 ý kiến của Nhân dân; Chủ tịch UBND phường trả lời và kết luận.",
             "reason": "Hội nghị tổ chức trước khi phường sử dụng nền tảng"}
            """);
        var recorded = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("held", true, "recorded-afterwards"), (recorded.Str("status"), recorded.GetProperty("recordedLate").GetBoolean(), recorded.GetProperty("history")[0].Str("kind")));
        Assert.Equal("Hoàng Văn Nam, Chủ tịch UBND phường", recorded.Str("chair"));
        Assert.Equal("Lê Thị Thu", recorded.GetProperty("organisers").GetProperty("secretary").Str("name"));

        // No notice goes out for a dialogue that already took place.
        var deliveries = await (await _client.Get($"/api/communes/{Commune}/sessions/{recorded.Str("id")}/deliveries")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, deliveries.GetProperty("byChannel").GetArrayLength());

        // The province's yearly count sees the dialogue held; the audit log says it was recorded afterwards, and why.
        var overview = await (await _client.Get($"/api/provinces/{province}/overview")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("held", overview.GetProperty("communes").EnumerateArray().Single(c => c.Str("code") == Commune).Str("periodic"));
        var audit = await (await _client.Get($"/api/provinces/{province}/audit?commune={Commune}")).JsonAsync(HttpStatusCode.OK);
        var entry = audit.GetProperty("items").EnumerateArray().Single(e => e.Str("action") == "session.recorded-afterwards");
        Assert.Contains("trước khi phường sử dụng nền tảng", entry.Str("detail"), StringComparison.Ordinal);

        // One still to come, one without minutes, or without a reason: refused, nothing recorded.
        foreach (var body in new[]
        {
            """{"session": {"kind": "periodic", "form": "in-person", "title": "Chưa diễn ra", "startsAt": "2026-11-30T08:00:00+07:00", "durationMinutes": 60, "venue": "Hội trường"}, "minutes": "x", "reason": "Ghi nhận muộn"}""",
            """{"session": {"kind": "periodic", "form": "in-person", "title": "Không biên bản", "startsAt": "2026-09-01T08:00:00+07:00", "durationMinutes": 60, "venue": "Hội trường"}, "minutes": " ", "reason": "Ghi nhận muộn"}""",
            """{"session": {"kind": "periodic", "form": "in-person", "title": "Không lý do", "startsAt": "2026-09-01T08:00:00+07:00", "durationMinutes": 60, "venue": "Hội trường"}, "minutes": "Biên bản", "reason": ""}""",
        })
        {
            await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions/past", body)).ProblemAsync(HttpStatusCode.BadRequest);
        }

        Assert.Equal(1, await CountAsync(Commune));
    }

    [Fact]
    public async Task Dieu_43_the_organisers_are_kept_with_the_session_and_the_chair_must_be_the_committee_chairman_or_a_deputy()
    {
        var session = await ScheduleAsync("10532", Periodic(venue: "Nhà văn hóa khu dân cư số 2"));
        var url = $"/api/communes/10532/sessions/{session.Str("id")}/organisers";

        var refused = await (await _client.PutJsonAsync(url, """{"chair": {"name": "Trần Văn Hòa", "title": "Chủ tịch HĐND phường"}}""")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("organisers.chair", refused.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        var named = await (await _client.PutJsonAsync(url, """
            {"chair": {"name": "Lãnh Duy Tiến", "title": "Chủ tịch UBND phường Lê Thanh Nghị"},
             "councilRepresentative": {"name": "Nguyễn Văn Quang", "title": "Phó Chủ tịch HĐND phường"},
             "frontRepresentative": {"name": "Phạm Thị Hằng", "title": "Chủ tịch Ủy ban MTTQ Việt Nam phường"},
             "secretary": {"name": "Vũ Minh Đức", "title": "Chuyên viên Văn phòng HĐND và UBND"}}
            """)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Lãnh Duy Tiến, Chủ tịch UBND phường Lê Thanh Nghị", named.Str("chair"));
        Assert.Equal(("Nguyễn Văn Quang", "Phạm Thị Hằng", "Vũ Minh Đức"),
            (named.GetProperty("organisers").GetProperty("councilRepresentative").Str("name"), named.GetProperty("organisers").GetProperty("frontRepresentative").Str("name"),
             named.GetProperty("organisers").GetProperty("secretary").Str("name")));
        Assert.Equal("organisers-changed", named.GetProperty("history").EnumerateArray().Last().Str("kind"));

        var unknownContact = await (await _client.PutJsonAsync(url, """{"secretary": {"name": "Vũ Minh Đức", "title": "Chuyên viên", "contactId": "c-9999"}}""")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("c-9999", unknownContact.GetProperty("errors").GetProperty("organisers")[0].GetString(), StringComparison.Ordinal);
    }
}
