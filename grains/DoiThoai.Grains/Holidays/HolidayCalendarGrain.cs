using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Holidays;
using DoiThoai.Grains.Abstractions.Petitions;
using DoiThoai.Grains.Timing;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Holidays;

[GenerateSerializer, Alias("DoiThoai.HolidayCalendarState")]
public sealed class HolidayCalendarState
{
    /// <summary>The official list that replaced the default; null while the default applies.</summary>
    [Id(0)] public List<PublicHoliday>? OfficialDays { get; set; }

    [Id(1)] public DateTimeOffset? ReplacedAt { get; set; }

    /// <summary>The weekend days the official list makes working days.</summary>
    [Id(2)] public List<PublicHoliday>? MakeUpWorkingDays { get; set; }

    /// <summary>Written with a new list and cleared once every commune has counted its deadlines again with it.</summary>
    [Id(3)] public bool RecountPending { get; set; }
}

/// <summary>
/// One year's days off. When officials replace the list, the deadlines counted in working days across that year are
/// counted again in every commune (its sessions' notice deadlines, its petitions' acknowledgement days); the duty to
/// do so is stored with the list, so a crash in between is made good on the next activation.
/// </summary>
public sealed partial class HolidayCalendarGrain(
    [PersistentState(HolidayCalendarGrain.StateName, GrainStorage.Name)] IPersistentState<HolidayCalendarState> state,
    AdminUnitRegistry registry,
    ITimedWork timedWork,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<HolidayCalendarGrain> logger) : Grain, IHolidayCalendarGrain
{
    public const string StateName = "holidays";
    private static readonly TimeSpan RecountRetry = TimeSpan.FromSeconds(30);

    private IGrainTimer? _retry;

    private int Year => checked((int)this.GetPrimaryKeyLong());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.RecountPending)
        {
            _retry = this.RegisterGrainTimer(RetryRecountAsync, new GrainTimerCreationOptions(TimeSpan.Zero, RecountRetry));
        }

        return Task.CompletedTask;
    }

    public Task<HolidayYear> GetAsync() => Task.FromResult(Current());

    public async Task<CommandResult<HolidayListChange>> ReplaceAsync(IReadOnlyList<PublicHoliday> days, IReadOnlyList<PublicHoliday>? makeUpWorkingDays = null)
    {
        var errors = HolidayListRules.Validate(Year, days, makeUpWorkingDays);
        if (errors.Count > 0)
        {
            return CommandResult<HolidayListChange>.Fail(new CommandProblem(
                ProblemKind.Invalid, $"Danh sách ngày nghỉ năm {Year} chưa hợp lệ.", errors));
        }

        state.State.OfficialDays = [.. days.OrderBy(d => d.Date)];
        state.State.MakeUpWorkingDays = makeUpWorkingDays is { Count: > 0 } ? [.. makeUpWorkingDays.OrderBy(d => d.Date)] : null;
        state.State.ReplacedAt = time.GetUtcNow();
        state.State.RecountPending = true;
        await state.WriteOrReloadAsync(this);
        await timedWork.SetDaysOffAsync(Year, [.. Current().Days.Select(d => d.Date)]); // recurring work skips the new days off

        var (sessions, petitions) = await RecountAsync();
        return CommandResult<HolidayListChange>.Ok(new HolidayListChange(Current(), sessions, petitions));
    }

    /// <summary>Every commune counts its deadlines again; the communes' own calls for this year's list interleave.</summary>
    private async Task<(int Sessions, int Petitions)> RecountAsync()
    {
        var communes = registry.Communes.Select(c => c.Code).ToList();
        var sessions = await Task.WhenAll(communes.Select(c => GrainFactory.GetGrain<ICommuneGrain>(c).RecountDeadlinesAsync(Year)));
        var petitions = await Task.WhenAll(communes.Select(c => GrainFactory.GetGrain<IPetitionRegistryGrain>(c).RecountDeadlinesAsync(Year)));
        state.State.RecountPending = false;
        await state.WriteOrReloadAsync(this);
        LogRecounted(logger, Year, sessions.Sum(), petitions.Sum());
        return (sessions.Sum(), petitions.Sum());
    }

    private async Task RetryRecountAsync()
    {
        try
        {
            await RecountAsync();
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogRecountFailed(logger, error, Year);
        }
    }

    private HolidayYear Current() => state.State.OfficialDays is { } official
        ? new HolidayYear(Year, true, official, state.State.ReplacedAt, state.State.MakeUpWorkingDays ?? [])
        : new HolidayYear(Year, false, VietnamPublicHolidays.Default(Year), null, []);

    [LoggerMessage(Level = LogLevel.Information, Message = "Holidays of {Year} replaced: {Sessions} notice deadlines and {Petitions} petition deadlines counted again")]
    private static partial void LogRecounted(ILogger logger, int year, int sessions, int petitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Holidays of {Year}: counting the communes' deadlines again failed; retrying")]
    private static partial void LogRecountFailed(ILogger logger, Exception error, int year);
}
