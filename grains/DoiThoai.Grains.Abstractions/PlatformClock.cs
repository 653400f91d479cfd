namespace DoiThoai.Grains.Abstractions;

/// <summary>
/// The clock the platform's rules read, registered as a keyed <see cref="TimeProvider"/>. Orleans resolves the
/// unkeyed TimeProvider for its own membership and health monitors, so tests replace only this one with a
/// FakeTimeProvider and the cluster keeps real time.
/// </summary>
public static class PlatformClock
{
    public const string Key = "doithoai-clock";
}
