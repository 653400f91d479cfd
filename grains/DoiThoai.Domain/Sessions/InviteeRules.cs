using System.Security.Cryptography;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Text;

namespace DoiThoai.Domain.Sessions;

/// <summary>
/// Who is invited to a session by quota (plan 003: 2 city delegates, the ward's delegates, 8 residential groups × 7,
/// schools 1–3 each; plan 002: at least 5 residents per group, chosen by the group head with the Front). The office sets
/// each group's minimum and maximum; a group tied to a hamlet is filled by its head from the contact registry.
/// </summary>
public static class InviteeRules
{
    public const int MaxGroups = 60;
    public const int MaxGroupSize = 200;
    public const int MaxNameLength = 120;

    /// <summary>The alphabet of the hamlet head's link code: no letters a reader confuses (i, l, o, 0, 1).</summary>
    private const string CodeAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>Twelve characters of 31: about 59 bits, out of reach of guessing behind the public rate limit.</summary>
    public const int CodeLength = 12;

    /// <summary>The roles a group may draw from; officers organise the session rather than attend by quota.</summary>
    public static IReadOnlyList<ContactRole> GroupRoles { get; } = [ContactRole.Resident, ContactRole.Delegate, ContactRole.HamletHead, ContactRole.FrontCommittee];

    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    /// <summary>Whether a contact may be chosen for a group: of its hamlet and of its role, when the group names them.</summary>
    public static bool IsCandidate(Contact contact, string? hamlet, ContactRole? role) =>
        (hamlet is null || string.Equals(contact.Hamlet, hamlet, StringComparison.OrdinalIgnoreCase))
        && (role is null ? contact.Role != ContactRole.Officer : contact.Role == role);

    /// <summary>How many working days before the notice deadline the names are due unless the office says otherwise.</summary>
    public const int DefaultNamesDueWorkingDays = 2;

    public const int MaxNamesDueWorkingDays = 20;

    /// <summary>
    /// The day the names must be chosen by: the invitations go out by the notice deadline (plan 003), so the names are
    /// due <paramref name="workingDaysBefore"/> working days before it (two by default), leaving the office time to send
    /// them; a session scheduled at short notice gives the heads until the end of the day the groups were made; never
    /// after the session.
    /// </summary>
    public static DateOnly Deadline(DateTimeOffset noticeDeadline, DateTimeOffset startsAt, DateOnly? groupsMadeOn, int workingDaysBefore, WorkingDayCalendar workingDays)
    {
        var deadline = LegalPeriod.WorkingDaysBefore(VietnamTime.LocalDate(noticeDeadline), workingDaysBefore, workingDays);
        if (groupsMadeOn is { } made && made > deadline)
        {
            deadline = made;
        }

        var sessionDay = VietnamTime.LocalDate(startsAt);
        return deadline > sessionDay ? sessionDay : deadline;
    }

    /// <summary>Why one group's name and numbers are refused, in Vietnamese ("Nhóm 3: …"); empty when acceptable.</summary>
    public static List<string> GroupProblems(int number, string? name, int minimum, int maximum)
    {
        var problems = new List<string>();
        if (VietnameseText.NameProblem(name, MaxNameLength) is { } nameProblem)
        {
            problems.Add($"Nhóm {number}: tên {nameProblem}");
        }

        if (minimum < 1 || minimum > MaxGroupSize)
        {
            problems.Add($"Nhóm {number}: số người tối thiểu phải từ 1 đến {MaxGroupSize}.");
        }

        if (maximum < minimum || maximum > MaxGroupSize)
        {
            problems.Add($"Nhóm {number}: số người tối đa phải từ số tối thiểu ({minimum}) đến {MaxGroupSize}.");
        }

        return problems;
    }
}
