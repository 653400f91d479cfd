using System.Globalization;
using System.Text;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Domain.Messaging;

/// <summary>
/// When a province's supervisors receive their weekly digest: a day of the week and a time, Vietnam time, on working
/// days only (a digest whose day is a day off is skipped that week). Monday 07:30 unless the province changes it.
/// </summary>
public sealed record DigestSchedule(DayOfWeek Day, TimeOnly At)
{
    public static readonly DigestSchedule Default = new(DayOfWeek.Monday, new TimeOnly(7, 30));

    /// <summary>The most supervisors one province's digest goes to.</summary>
    public const int MaxRecipients = 20;

    /// <summary>The Quartz cron expression (seconds first) of the schedule.</summary>
    public string Cron => string.Create(CultureInfo.InvariantCulture, $"0 {At.Minute} {At.Hour} ? * {Day.ToString()[..3].ToUpperInvariant()}");

    /// <summary>Why a schedule and its recipients are refused, per field; empty when they are acceptable.</summary>
    public static Dictionary<string, string[]> Check(DayOfWeek? day, string? at, IReadOnlyList<string>? recipients, out DigestSchedule? schedule, out List<string> addresses)
    {
        var errors = new Dictionary<string, string[]>();
        schedule = null;
        addresses = [];
        if (day is not { } weekday || weekday is DayOfWeek.Saturday or DayOfWeek.Sunday || !Enum.IsDefined(weekday))
        {
            errors["day"] = ["Chọn một ngày làm việc trong tuần (thứ Hai đến thứ Sáu)."];
        }

        if (!TimeOnly.TryParseExact(at, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors["at"] = ["Giờ gửi chưa đúng dạng giờ:phút (ví dụ 07:30)."];
        }
        else if (time < SendingWindow.QuietUntil || time >= SendingWindow.QuietFrom)
        {
            errors["at"] = ["Giờ gửi phải trong khoảng 07:00 đến 21:59, ngoài giờ nghỉ đêm."];
        }

        var list = recipients ?? [];
        if (list.Count > MaxRecipients)
        {
            errors["recipients"] = [$"Tối đa {MaxRecipients} người nhận bản tin."];
        }
        else
        {
            var problems = new List<string>();
            for (var i = 0; i < list.Count; i++)
            {
                if (EmailAddress.TryNormalize(list[i], out var address, out var error))
                {
                    if (!addresses.Contains(address, StringComparer.OrdinalIgnoreCase))
                    {
                        addresses.Add(address);
                    }
                }
                else
                {
                    problems.Add($"Địa chỉ thứ {i + 1}: {error}");
                }
            }

            if (problems.Count > 0)
            {
                errors["recipients"] = [.. problems];
            }
        }

        if (errors.Count == 0)
        {
            schedule = new DigestSchedule(day!.Value, time);
        }

        return errors;
    }
}

/// <summary>A session as the digest lists it.</summary>
public sealed record DigestSession(string CommuneName, SessionKind Kind, string Title, DateTimeOffset StartsAt);

/// <summary>Results owed past their last day (Điều 43: ten days after the session).</summary>
public sealed record DigestLateResults(string CommuneName, string Title, DateTimeOffset HeldAt, DateOnly Due);

/// <summary>One commune's overdue work: petitions past their answer date, follow-up tasks and preparation milestones past due.</summary>
public sealed record DigestCommuneOverdue(string CommuneName, int PetitionsOverdue, int FollowUpsOverdue, int PreparationOverdue);

/// <summary>What a province's weekly digest tells, as of its moment.</summary>
public sealed record DigestFacts(
    string ProvinceName,
    DateTimeOffset AsOf,
    IReadOnlyList<DigestSession> Coming,
    IReadOnlyList<DigestLateResults> LateResults,
    IReadOnlyList<DigestCommuneOverdue> Overdue,
    int CommuneCount,
    IReadOnlyList<string> WithoutPeriodicDialogue,
    DateOnly PeriodicBy);

/// <summary>The weekly digest to a province's supervisors: what is coming in the next seven days, what is late, what is overdue.</summary>
public static class WeeklyDigestText
{
    /// <summary>The most lines one section lists; the rest are counted.</summary>
    public const int MaxLines = 30;

    public static EmailText Email(DigestFacts facts)
    {
        var today = VietnamTime.LocalDate(facts.AsOf);
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Bản tin tuần về hội nghị đối thoại của {facts.ProvinceName}, ngày {today:dd/MM/yyyy}.")
            .AppendLine();

        Section(body, $"1. Hội nghị trong 7 ngày tới ({facts.Coming.Count})", facts.Coming.OrderBy(s => s.StartsAt).Select(s =>
            $"- {VietnamTime.Format(s.StartsAt)}: {s.CommuneName} — {KindName(s.Kind)} \"{s.Title}\""), "Không có hội nghị nào.");
        Section(body, $"2. Kết quả chưa công bố quá hạn ({facts.LateResults.Count})", facts.LateResults.OrderBy(r => r.Due).Select(r =>
            $"- {r.CommuneName}: \"{r.Title}\" họp ngày {VietnamTime.LocalDate(r.HeldAt):dd/MM/yyyy}, hạn công bố {r.Due:dd/MM/yyyy}"), "Không có.");
        var overdue = facts.Overdue.Where(o => o.PetitionsOverdue + o.FollowUpsOverdue + o.PreparationOverdue > 0).ToList();
        Section(body, $"3. Việc quá hạn ở {overdue.Count} xã, phường", overdue
            .OrderByDescending(o => o.PetitionsOverdue + o.FollowUpsOverdue + o.PreparationOverdue)
            .Select(o => $"- {o.CommuneName}: {o.PetitionsOverdue} kiến nghị quá hạn trả lời, {o.FollowUpsOverdue} việc sau hội nghị quá hạn, {o.PreparationOverdue} việc chuẩn bị quá hạn"),
            "Không có kiến nghị hay việc nào quá hạn.");
        Section(body, $"4. Chưa có hội nghị định kỳ năm {facts.PeriodicBy.Year} (hạn {facts.PeriodicBy:dd/MM/yyyy}): {facts.WithoutPeriodicDialogue.Count}/{facts.CommuneCount} xã, phường",
            facts.WithoutPeriodicDialogue.Order(StringComparer.Ordinal).Select(name => "- " + name), "Mọi xã, phường đã tổ chức hoặc đã lên lịch.");

        body.AppendLine("Xem chi tiết trên trang theo dõi của tỉnh (tinh.html).")
            .AppendLine("Thư này được gửi tự động theo lịch bản tin tuần của tỉnh; không trả lời thư này.");
        return new EmailText($"Bản tin tuần đối thoại - {facts.ProvinceName} - {today:dd/MM/yyyy}", body.ToString());
    }

    private static void Section(StringBuilder body, string heading, IEnumerable<string> lines, string none)
    {
        body.AppendLine(heading);
        var all = lines.ToList();
        foreach (var line in all.Take(MaxLines))
        {
            body.AppendLine(line);
        }

        if (all.Count > MaxLines)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"- … và {all.Count - MaxLines} mục nữa.");
        }

        if (all.Count == 0)
        {
            body.AppendLine(none);
        }

        body.AppendLine();
    }

    private static string KindName(SessionKind kind) => kind switch
    {
        SessionKind.Periodic => "định kỳ",
        SessionKind.Thematic => "chuyên đề",
        _ => "đột xuất",
    };
}
