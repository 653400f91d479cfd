using DoiThoai.Domain.Calendar;

namespace DoiThoai.Domain.Messaging;

/// <summary>
/// Routine SMS and e-mail stay out of the night: anything due between 22:00 and 07:00 (Vietnam time) goes at 07:00.
/// Urgent messages go at once. (Nghị định 91/2020 binds advertising; public notices follow it out of consideration.)
/// </summary>
public static class SendingWindow
{
    public static readonly TimeOnly QuietFrom = new(22, 0);
    public static readonly TimeOnly QuietUntil = new(7, 0);

    /// <summary>
    /// As <see cref="SendAt(DateTimeOffset, bool)"/>, but never later than <paramref name="notLaterThan"/>: an invitation
    /// whose notice deadline falls in the night goes out at once rather than late.
    /// </summary>
    public static DateTimeOffset SendAt(DateTimeOffset due, bool urgent, DateTimeOffset notLaterThan)
    {
        var at = SendAt(due, urgent);
        return at > notLaterThan ? VietnamTime.ToLocal(due) : at;
    }

    public static DateTimeOffset SendAt(DateTimeOffset due, bool urgent)
    {
        if (urgent)
        {
            return due;
        }

        var local = VietnamTime.ToLocal(due);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (time >= QuietFrom)
        {
            return VietnamTime.At(date.AddDays(1), QuietUntil);
        }

        return time < QuietUntil ? VietnamTime.At(date, QuietUntil) : local;
    }
}
