using System.Net;
using System.Xml.Linq;

namespace DoiThoai.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class AlertCapTests(PlatformFactory platform)
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    // Element order of the CAP 1.2 schema (sequences), for the elements the platform writes.
    private static readonly string[] AlertOrder = ["identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction", "addresses", "code", "note", "references", "incidents", "info"];
    private static readonly string[] InfoOrder = ["language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience", "eventCode", "effective", "onset", "expires", "senderName", "headline", "description", "instruction", "web", "contact", "parameter", "resource", "area"];

    private readonly HttpClient _client = platform.CreateClient();

    private async Task<XElement> AlertAsync(string url)
    {
        var response = await _client.Get(url);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/cap+xml", response.ContentType()?.MediaType);
        var alert = XDocument.Parse(text).Root!;
        Assert.Equal(Cap + "alert", alert.Name);
        AssertOrder(alert, AlertOrder);
        AssertOrder(alert.Element(Cap + "info")!, InfoOrder);
        return alert;
    }

    [Fact]
    public async Task An_urgent_session_is_a_CAP_alert_then_an_update_then_a_cancel_each_referencing_the_earlier_ones()
    {
        var session = await (await _client.PostJsonAsync("/api/communes/20260/sessions", """
            {"kind": "urgent", "form": "in-person", "title": "Ngập úng khu dân cư Hòa Xuân", "startsAt": "2026-11-02T15:00:00+07:00",
             "durationMinutes": 90, "venue": "Nhà văn hóa tổ 12", "urgentReason": "Nước ngập sâu 0,8 m, 300 hộ bị ảnh hưởng"}
            """)).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/communes/20260/sessions/{session.Str("id")}";

        var alert = await AlertAsync(url + "/alert.cap.xml");
        Assert.Equal(("Actual", "Alert", "Public"), (Text(alert, "status"), Text(alert, "msgType"), Text(alert, "scope")));
        Assert.Null(alert.Element(Cap + "references"));
        var info = alert.Element(Cap + "info")!;
        Assert.Equal(("vi-VN", "Immediate"), (Text(info, "language"), Text(info, "urgency")));
        Assert.Equal("2026-11-02T15:00:00+07:00", Text(info, "onset"));
        Assert.Contains("Nước ngập sâu 0,8 m", Text(info, "description"), StringComparison.Ordinal);
        var area = info.Element(Cap + "area")!;
        Assert.Equal("Phường Cẩm Lệ, Thành phố Đà Nẵng", Text(area, "areaDesc"));
        Assert.Equal("20260", area.Element(Cap + "geocode")!.Element(Cap + "value")!.Value);
        var first = Text(alert, "identifier");

        await (await _client.PostJsonAsync(url + "/reschedule", """{"startsAt": "2026-11-02T17:00:00+07:00", "reason": "Chờ nước rút"}""")).JsonAsync(HttpStatusCode.OK);
        var update = await AlertAsync(url + "/alert.cap.xml");
        Assert.Equal("Update", Text(update, "msgType"));
        Assert.NotEqual(first, Text(update, "identifier"));
        Assert.Equal($"ubnd.20260@doithoai.vn,{first},{Text(alert, "sent")}", Text(update, "references"));
        Assert.Equal("2026-11-02T17:00:00+07:00", Text(update.Element(Cap + "info")!, "onset"));

        await (await _client.PostJsonAsync(url + "/cancel", """{"reason": "Nước đã rút, chuyển sang đối thoại định kỳ"}""")).JsonAsync(HttpStatusCode.OK);
        var cancel = await AlertAsync(url + "/alert.cap.xml");
        Assert.Equal("Cancel", Text(cancel, "msgType"));
        Assert.Equal(2, Text(cancel, "references").Split(' ').Length);
        Assert.Contains("Nước đã rút", Text(cancel.Element(Cap + "info")!, "description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_urgent_sessions_have_an_alert()
    {
        var periodic = await (await _client.PostJsonAsync("/api/communes/19009/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Đối thoại định kỳ", "startsAt": "2026-12-01T08:00:00+07:00",
             "durationMinutes": 120, "venue": "Hội trường Ba Đồn"}
            """)).JsonAsync(HttpStatusCode.Created);

        await (await _client.Get($"/api/communes/19009/sessions/{periodic.Str("id")}/alert.cap.xml")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.Get("/api/communes/19009/sessions/2026-9999/alert.cap.xml")).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static string Text(XElement parent, string name) => parent.Element(Cap + name)?.Value ?? "";

    private static void AssertOrder(XElement parent, string[] order)
    {
        var positions = parent.Elements().Select(e => Array.IndexOf(order, e.Name.LocalName)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }
}
