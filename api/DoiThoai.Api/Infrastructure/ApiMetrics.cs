using DoiThoai.Grains.Abstractions;
using System.Diagnostics.Metrics;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Api.Infrastructure;

/// <summary>
/// The API's own figures (meter "DoiThoai.Api"): commands refused, by kind of rule (the notice rule above all: a
/// commune that keeps meeting it is scheduling too late). Tags carry the kind only.
/// </summary>
public static class ApiMetrics
{
    public const string MeterName = "DoiThoai.Api";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "doithoai.api.refusals", "{command}", "Commands refused by a rule of the calendar, by kind (notice-too-short, clash, …).");

    public static void Refused(ProblemKind kind) =>
        Refusals.Add(1, new KeyValuePair<string, object?>("kind", kind switch
        {
            ProblemKind.NoticeTooShort => "notice-too-short",
            ProblemKind.PolicyViolation => "policy-violation",
            ProblemKind.Clash => "clash",
            ProblemKind.WrongState => "wrong-state",
            ProblemKind.NotFound => "not-found",
            _ => "invalid",
        }));
}
