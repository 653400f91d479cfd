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

    /// <summary>Issues an instruction to every commune of the province; with a date, it also becomes the overview's default date.</summary>
    [Alias("IssueInstruction")]
    Task<CommandResult<InstructionStatus>> IssueInstructionAsync(string text, DateOnly? periodicBy, string issuedBy);

    /// <summary>The province's instructions, newest first, each with every commune's progress.</summary>
    [Alias("ListInstructions")]
    Task<IReadOnlyList<InstructionStatus>> ListInstructionsAsync();

    /// <summary>A commune office acknowledges an instruction, or (<paramref name="done"/>) reports it carried out.</summary>
    [Alias("AnswerInstruction")]
    Task<CommandResult<InstructionStatus>> AnswerInstructionAsync(string instructionId, string communeCode, bool done);

    /// <summary>A commune reports its petitions after each change. Interleaves: it only replaces an entry in memory.</summary>
    [Alias("ReportPetitions"), AlwaysInterleave]
    Task ReportPetitionsAsync(DoiThoai.Grains.Abstractions.Petitions.PetitionReport report);

    /// <summary>Open, overdue and escalated petitions by commune, the most overdue first.</summary>
    [Alias("GetPetitionOverview")]
    Task<ProvincePetitionOverview> GetPetitionOverviewAsync();
}
