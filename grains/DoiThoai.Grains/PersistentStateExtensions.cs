namespace DoiThoai.Grains;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes a change already applied in memory. If storage refuses it, the state is read back from storage, so memory
    /// never holds a change that storage does not; if storage cannot even be read (the database is away), the grain
    /// is deactivated, so the next call starts from what storage holds. Either way the original error is rethrown
    /// and the caller is told nothing changed.
    /// </summary>
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
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
}
