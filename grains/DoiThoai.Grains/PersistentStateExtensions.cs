namespace DoiThoai.Grains;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes a change already applied in memory. If storage refuses it, the state is read back from storage, so memory
    /// never holds a change that storage does not; the original error is rethrown.
    /// </summary>
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state)
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
                // Storage is down: the write's own error says more than the reload's.
            }

            throw;
        }
    }
}
