namespace DoiThoai.Api.Tests;

/// <summary>Waits for a condition the system reaches on its own (a background dispatcher), checking it often.</summary>
internal static class Eventually
{
    public static async Task<T> ReachedAsync<T>(Func<Task<T>> observe, Func<T, bool> reached, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        var last = await observe();
        while (!reached(last))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not reached within {within.TotalSeconds} s: {what}. Last seen: {last}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
            last = await observe();
        }

        return last;
    }
}
