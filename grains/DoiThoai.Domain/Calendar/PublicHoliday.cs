namespace DoiThoai.Domain.Calendar;

/// <summary>A day off for public servants: a public holiday or the compensatory day of one.</summary>
public sealed record PublicHoliday(DateOnly Date, string Name);
