using System.Text;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Text;

namespace DoiThoai.Domain.Sessions;

/// <summary>The rules a session's fields must satisfy, independent of the calendar around it.</summary>
public static class SessionRules
{
    public const int MinDurationMinutes = 15;
    public const int MaxDurationMinutes = 12 * 60;
    public const int MaxTitleLength = 200;
    public const int MaxNameLength = 120;
    public const int MaxTextLength = 4000;
    public const int MaxVenueLength = 300;
    public const int MaxReasonLength = 2000;

    /// <summary>The minutes (biên bản) of a session of two or three hours, every speaker and answer noted.</summary>
    public const int MaxMinutesLength = 40_000;
    public const int MinUrgentReasonLength = 10;

    /// <summary>How far ahead a session may be put in the calendar.</summary>
    public static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(3 * 366);

    /// <summary>How far in the past an urgent session may start (it is being held right now, at the incident site).</summary>
    public static readonly TimeSpan UrgentStartGrace = TimeSpan.FromMinutes(30);

    /// <summary>Field errors keyed by the JSON field name; empty when the draft is acceptable.</summary>
    public static Dictionary<string, string[]> Validate(SessionDraft draft, DateTimeOffset now)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        CheckText(draft.Title, "title", "Tiêu đề", MaxTitleLength, required: true, Add);
        CheckText(draft.Topic, "topic", "Nội dung", MaxTextLength, required: draft.Kind == SessionKind.Thematic, Add);
        CheckText(draft.Venue, "venue", "Địa điểm", MaxVenueLength, required: draft.Form == SessionForm.InPerson, Add);
        CheckText(draft.Chair, "chair", "Người chủ trì", MaxTitleLength, required: false, Add);

        if (draft.TargetGroup is not null && draft.Kind != SessionKind.Thematic)
        {
            Add("targetGroup", "Chỉ hội nghị chuyên đề mới có nhóm đối tượng.");
        }

        if (draft.Form == SessionForm.Online)
        {
            if (string.IsNullOrWhiteSpace(draft.OnlineUrl))
            {
                Add("onlineUrl", "Hội nghị trực tuyến cần đường dẫn tham gia.");
            }
        }

        if (draft.OnlineUrl is not null && !IsWebAddress(draft.OnlineUrl))
        {
            Add("onlineUrl", "Đường dẫn trực tuyến phải là địa chỉ http(s) hợp lệ.");
        }

        if (draft.Kind == SessionKind.Urgent)
        {
            if (string.IsNullOrWhiteSpace(draft.UrgentReason) || draft.UrgentReason.Trim().Length < MinUrgentReasonLength)
            {
                Add("urgentReason", $"Hội nghị đột xuất phải nêu rõ lý do đột xuất (ít nhất {MinUrgentReasonLength} ký tự).");
            }
            else
            {
                CheckText(draft.UrgentReason, "urgentReason", "Lý do đột xuất", MaxReasonLength, required: true, Add);
            }
        }
        else if (draft.UrgentReason is not null)
        {
            Add("urgentReason", "Chỉ hội nghị đột xuất mới có lý do đột xuất.");
        }

        if (draft.DurationMinutes is < MinDurationMinutes or > MaxDurationMinutes)
        {
            Add("durationMinutes", $"Thời lượng phải từ {MinDurationMinutes} phút đến {MaxDurationMinutes / 60} giờ.");
        }

        foreach (var (field, messages) in draft.Organisers?.Validate() ?? [])
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }

        foreach (var message in draft.Audience?.Validate() ?? [])
        {
            Add("audience", message);
        }

        foreach (var message in StartErrors(draft.Kind, draft.StartsAt, now))
        {
            Add("startsAt", message);
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>Checks on a start time that do not depend on the notice policy.</summary>
    public static IEnumerable<string> StartErrors(SessionKind kind, DateTimeOffset startsAt, DateTimeOffset now)
    {
        if (startsAt > now + MaxHorizon)
        {
            yield return $"Chỉ lên lịch trong vòng 3 năm tới (đến {VietnamTime.Format(now + MaxHorizon)}).";
        }

        if (kind == SessionKind.Urgent && startsAt < now - UrgentStartGrace)
        {
            yield return "Thời điểm bắt đầu đã qua.";
        }
    }

    /// <summary>Whether a reason given for a change is acceptable; null when it is.</summary>
    public static string? ReasonError(string? reason, string what)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return $"Cần nêu lý do {what}.";
        }

        return reason.Length > MaxReasonLength || VietnameseText.HasControlCharacters(reason)
            ? $"Lý do {what} không hợp lệ (tối đa {MaxReasonLength} ký tự, không chứa ký tự điều khiển)."
            : null;
    }

    /// <summary>Two sessions clash when they share a venue and their times overlap.</summary>
    public static bool Clash(DateTimeOffset startA, int minutesA, string? venueA, DateTimeOffset startB, int minutesB, string? venueB)
    {
        var keyA = VenueKey(venueA);
        if (keyA.Length == 0 || keyA != VenueKey(venueB))
        {
            return false;
        }

        return startA < startB.AddMinutes(minutesB) && startB < startA.AddMinutes(minutesA);
    }

    /// <summary>A venue as compared: case, accents' composition and spacing do not make two venues different.</summary>
    public static string VenueKey(string? venue)
    {
        if (string.IsNullOrWhiteSpace(venue))
        {
            return "";
        }

        var normalized = venue.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        return string.Join(' ', normalized.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void CheckText(string? value, string field, string label, int maxLength, bool required, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                add(field, $"{label} không được để trống.");
            }

            return;
        }

        if (value.Length > maxLength)
        {
            add(field, $"{label} dài quá {maxLength} ký tự.");
        }

        if (VietnameseText.HasControlCharacters(value))
        {
            add(field, $"{label} chứa ký tự điều khiển không hợp lệ.");
        }
    }

    private static bool IsWebAddress(string value) =>
        value.Length <= MaxVenueLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
