using DoiThoai.Domain.Sessions;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Messaging;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Province;

/// <summary>A province or centrally-run city, keyed by its official 2-digit code: oversees its communes.</summary>
[Alias("DoiThoai.IProvinceGrain")]
public interface IProvinceGrain : IGrainWithStringKey
{
    /// <summary>The province default. Interleaves, so a commune asking for it never waits on an overview in progress.</summary>
    [Alias("GetNoticePolicy"), AlwaysInterleave]
    Task<NoticePolicy> GetNoticePolicyAsync();

    [Alias("SetNoticePolicy")]
    Task<CommandResult<NoticePolicy>> SetNoticePolicyAsync(NoticePolicy policy);

    /// <summary>How the province's SMS are written: GSM-7 without diacritics (default) or UCS-2 with them.</summary>
    [Alias("GetSmsTextPolicy"), AlwaysInterleave]
    Task<SmsTextPolicy> GetSmsTextPolicyAsync();

    [Alias("SetSmsTextPolicy")]
    Task<SmsTextPolicy> SetSmsTextPolicyAsync(SmsTextPolicy policy);

    /// <summary>A commune reports its calendar after each change. Interleaves: it only replaces an entry in memory.</summary>
    [Alias("Report"), AlwaysInterleave]
    Task ReportAsync(CommuneCalendarReport report);

    /// <summary>
    /// The province at a glance; each commune's periodic dialogue judged against <paramref name="periodicBy"/>
    /// (by default the date the province last set in an instruction, else the end of the year).
    /// </summary>
    [Alias("GetOverview")]
    Task<ProvinceOverview> GetOverviewAsync(DateOnly? periodicBy = null);

    /// <summary>Each commune's periodic dialogue of the year of <paramref name="by"/>, judged against that date (from the calendar reports).</summary>
    [Alias("GetPeriodicStatuses")]
    Task<IReadOnlyDictionary<string, PeriodicDialogueStatus>> GetPeriodicStatusesAsync(DateOnly by);

    /// <summary>The dates the province's instructions set for the periodic dialogue: the latest of a year is the overview's default.</summary>
    [Alias("SetPeriodicDeadlines")]
    Task SetPeriodicDeadlinesAsync(IReadOnlyList<DateOnly> dates);

    /// <summary>The instructions an earlier version kept in this grain's state, handed over once (and forgotten here).</summary>
    [Alias("TakeLegacyInstructions")]
    Task<IReadOnlyList<Instruction>> TakeLegacyInstructionsAsync();

    /// <summary>A commune reports its petitions after each change. Interleaves: it only replaces an entry in memory.</summary>
    [Alias("ReportPetitions"), AlwaysInterleave]
    Task ReportPetitionsAsync(DoiThoai.Grains.Abstractions.Petitions.PetitionReport report);

    /// <summary>Open, overdue and escalated petitions by commune, the most overdue first.</summary>
    [Alias("GetPetitionOverview")]
    Task<ProvincePetitionOverview> GetPetitionOverviewAsync();
}
