using DoiThoai.Grains.Abstractions.Storage;

namespace DoiThoai.Grains;

internal static class PersistentStateExtensions
{
    /// <summary>How often storage is asked again whether a write in doubt landed.</summary>
    private static readonly TimeSpan AskAgainEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Writes a change already applied in memory. If storage refuses it, the state is read back from storage, so memory
    /// never holds a change that storage does not; if storage cannot even be read (the database is away), the grain
    /// is deactivated, so the next call starts from what storage holds. Either way the original error is rethrown
    /// and the caller is told nothing changed. A write that could outlast its caller's wait is not started at all
    /// (<see cref="CallDeadline"/>): that caller is answered by a timeout, which must also mean nothing changed.
    /// A write sent without an answer (<see cref="StorageOutcomeUnknownException"/> from the store) is settled by
    /// asking storage, while the caller waits, whether it landed: if it did, the change stands and the call succeeds;
    /// if not, nothing changed; if storage cannot be asked in time, the caller is told the outcome is unknown.
    /// </summary>
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        var before = state.Etag;
        try
        {
            if (CallDeadline.TooLateToWrite(DateTime.UtcNow))
            {
                throw new StorageUnavailableException("The caller would stop waiting before the write is known: not written.");
            }

            await state.WriteStateAsync();
        }
        catch (StorageOutcomeUnknownException)
        {
            if (await LandedAsync(state, before, grain))
            {
                return;
            }

            throw new StorageUnavailableException("The write did not land: nothing changed.");
        }
        catch
        {
            try
            {
                await state.ReadStateAsync();
            }
            catch (Exception reloadError) when (reloadError is not OperationCanceledException)
            {
                grain.DeactivateOnIdle();
            }

            throw;
        }
    }

    /// <summary>
    /// Whether a write in doubt is in storage, read back until storage answers (memory becomes what it holds): its etag
    /// moved since <paramref name="before"/> only by this write, the grain's single activation being the only writer.
    /// </summary>
    private static async Task<bool> LandedAsync<T>(IPersistentState<T> state, string? before, IGrainBase grain)
    {
        var giveUpAt = DateTime.UtcNow + (CallDeadline.Remaining(DateTime.UtcNow) is { } remaining ? remaining - CallDeadline.WriteAllowance : CallDeadline.WriteAllowance);
        while (true)
        {
            try
            {
                await state.ReadStateAsync();
                return state.Etag != before;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                if (DateTime.UtcNow + AskAgainEvery >= giveUpAt)
                {
                    grain.DeactivateOnIdle(); // the next call starts from what storage holds, whichever it is
                    throw new StorageOutcomeUnknownException("The write was sent but storage could not say in time whether it landed.");
                }

                await Task.Delay(AskAgainEvery);
            }
        }
    }
}
