using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DoiThoai.Api.Infrastructure;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Api.Apis;

/// <summary>
/// An urgent session as an OASIS CAP 1.2 alert for national alerting systems. Each announcement of the session
/// (scheduled, rescheduled, cancelled) is one CAP message; the document served is the latest, with msgType Alert,
/// Update or Cancel and references to every earlier message, so a consumer can follow the chain.
/// </summary>
public static class SessionAlertCap
{
    public const string ContentType = "application/cap+xml";
    public static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Get(string code, string id, IGrainFactory grains, AdminUnitRegistry registry)
    {
        var session = await grains.GetGrain<ICommuneGrain>(code).GetSessionAsync(id);
        if (session is null)
        {
            return Problems.SessionNotFound(id);
        }

        if (session.Kind != SessionKind.Urgent)
        {
            return Problems.NotFound("Chỉ hội nghị đối thoại đột xuất mới có bản tin cảnh báo CAP.");
        }

        var document = Build(registry.FindCommune(code)!, session);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }

        return TypedResults.File(stream.ToArray(), ContentType, $"canh-bao-{code}-{session.Id}.xml");
    }

    public static XDocument Build(Commune commune, SessionInfo session)
    {
        var sender = $"ubnd.{commune.Code}@doithoai.vn";
        var announcements = session.History
            .Where(h => h.Kind is SessionChangeKind.Scheduled or SessionChangeKind.Rescheduled or SessionChangeKind.Cancelled)
            .ToList();
        var references = announcements
            .Take(announcements.Count - 1)
            .Select((h, i) => $"{sender},{Identifier(commune, session, i)},{Time(h.At)}");
        var latest = announcements[^1];
        var msgType = latest.Kind switch
        {
            SessionChangeKind.Scheduled => "Alert",
            SessionChangeKind.Cancelled => "Cancel",
            _ => "Update",
        };

        var alert = new XElement(Cap + "alert",
            new XElement(Cap + "identifier", Identifier(commune, session, announcements.Count - 1)),
            new XElement(Cap + "sender", sender),
            new XElement(Cap + "sent", Time(latest.At)),
            new XElement(Cap + "status", "Actual"),
            new XElement(Cap + "msgType", msgType),
            new XElement(Cap + "scope", "Public"));
        if (announcements.Count > 1)
        {
            alert.Add(new XElement(Cap + "references", string.Join(' ', references)));
        }

        alert.Add(Info(commune, session, msgType));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), alert);
    }

    private static XElement Info(Commune commune, SessionInfo session, string msgType)
    {
        var when = VietnamTime.Format(session.StartsAt);
        var where = session.Venue ?? session.OnlineUrl ?? commune.Name;
        var headline = msgType == "Cancel"
            ? $"Hủy hội nghị đối thoại đột xuất: {session.Title}"
            : $"Hội nghị đối thoại đột xuất lúc {when}: {session.Title}";
        var description = new StringBuilder()
            .Append("UBND ").Append(commune.Name).Append(" tổ chức hội nghị đối thoại đột xuất với Nhân dân: ").Append(session.Title).Append(". ")
            .Append("Thời gian: ").Append(when).Append(". Địa điểm: ").Append(where).Append(". ")
            .Append("Lý do: ").Append(session.UrgentReason).Append('.');
        if (session.CancelReason is not null)
        {
            description.Append(" Hội nghị đã hủy. Lý do hủy: ").Append(session.CancelReason).Append('.');
        }

        return new XElement(Cap + "info",
            new XElement(Cap + "language", "vi-VN"),
            new XElement(Cap + "category", "Other"),
            new XElement(Cap + "event", "Hội nghị đối thoại đột xuất"),
            new XElement(Cap + "responseType", msgType == "Cancel" ? "None" : "Prepare"),
            new XElement(Cap + "urgency", "Immediate"),
            new XElement(Cap + "severity", "Moderate"),
            new XElement(Cap + "certainty", "Observed"),
            new XElement(Cap + "onset", Time(session.StartsAt)),
            new XElement(Cap + "expires", Time(session.EndsAt)),
            new XElement(Cap + "senderName", $"UBND {commune.Name}, {commune.ProvinceName}"),
            new XElement(Cap + "headline", headline.Length <= 160 ? headline : headline[..159] + "…"),
            new XElement(Cap + "description", description.ToString()),
            new XElement(Cap + "instruction", msgType == "Cancel"
                ? "Hội nghị không diễn ra. Theo dõi thông báo tiếp theo của UBND."
                : $"Người dân quan tâm đến dự tại {where} lúc {when}."),
            new XElement(Cap + "area",
                new XElement(Cap + "areaDesc", $"{commune.Name}, {commune.ProvinceName}"),
                new XElement(Cap + "geocode",
                    new XElement(Cap + "valueName", "VN-MA-DVHC"),
                    new XElement(Cap + "value", commune.Code))));
    }

    private static string Identifier(Commune commune, SessionInfo session, int announcement) =>
        $"vn.doithoai.{commune.Code}.{session.Id}.{announcement + 1}";

    /// <summary>CAP times: seconds precision with an explicit offset, never "Z" (CAP 1.2, 3.3.2).</summary>
    private static string Time(DateTimeOffset value) =>
        VietnamTime.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
