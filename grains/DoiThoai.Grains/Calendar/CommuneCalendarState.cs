using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Requests;

namespace DoiThoai.Grains.Calendar;

[GenerateSerializer, Alias("DoiThoai.CommuneCalendarState")]
public sealed class CommuneCalendarState
{
    /// <summary>Grows with every change; the province keeps the report of the highest version.</summary>
    [Id(0)] public long Version { get; set; }

    /// <summary>The last number given to a session of this commune.</summary>
    [Id(1)] public int LastSequence { get; set; }

    /// <summary>The commune's own, stricter, notice policy; null when the province default applies.</summary>
    [Id(2)] public NoticePolicy? OwnPolicy { get; set; }

    [Id(3)] public List<SessionInfo> Sessions { get; set; } = [];

    /// <summary>
    /// Residents' requests as an earlier version kept them here; handed to the commune's requests grain on its first
    /// activation, empty afterwards.
    /// </summary>
    [Id(4)] public List<DialogueRequest> DialogueRequests { get; set; } = [];

    /// <summary>The last number given to a conclusion notice (thông báo kết luận) of this commune, this year.</summary>
    [Id(5)] public int LastConclusionNumber { get; set; }

    [Id(6)] public int LastConclusionYear { get; set; }

    /// <summary>Per session, the days its open preparation milestones are due (reported by its preparation).</summary>
    [Id(7)] public Dictionary<string, List<DateOnly>> PreparationOwed { get; set; } = [];

    /// <summary>Per session, how many invitees were chosen after their names were due (reported by its invitees).</summary>
    [Id(8)] public Dictionary<string, int> InviteesChosenLate { get; set; } = [];

    /// <summary>Per session, the days its open follow-up tasks are due (reported by its results).</summary>
    [Id(9)] public Dictionary<string, List<DateOnly>> FollowUpsOwed { get; set; } = [];

    /// <summary>How many dialogues residents' requests are owed (reported by the commune's requests).</summary>
    [Id(10)] public int DialogueRequestsOwed { get; set; }
}
