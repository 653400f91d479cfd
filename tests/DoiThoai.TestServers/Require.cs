namespace DoiThoai.TestServers;

/// <summary>Stops a run whose server cannot work, saying what is missing (used by tests and benchmarks alike).</summary>
public static class Require
{
    public static void That(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
