using DoiThoai.Domain.AdminUnits;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Invitees;
using DoiThoai.Grains.Abstractions.Petitions;
using DoiThoai.Grains.Abstractions.Preparation;
using DoiThoai.Grains.Abstractions.Results;
using DoiThoai.Grains.Abstractions.Speakers;

namespace DoiThoai.Documents;

/// <summary>Everything the documents of one session are written from, gathered by the caller from the session's grains.</summary>
public sealed record SessionDossier(
    Commune Commune,
    SessionInfo Session,
    DateTimeOffset Now,
    SessionPreparation? Preparation = null,
    InviteeList? Invitees = null,
    IReadOnlyList<Speaker>? Speakers = null,
    IReadOnlyList<Petition>? Petitions = null,
    SessionResults? Results = null);

/// <summary>The person (or group) a giấy mời is addressed to.</summary>
public sealed record InvitationAddressee(string Name, string? Title = null);
