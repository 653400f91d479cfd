namespace DoiThoai.Grains.Abstractions.Storage;

/// <summary>
/// The database is away for now (restarting, unreachable, refusing connections): the operation did not happen and
/// may be tried again. Thrown by the production stores in place of the driver's own exceptions, so that it crosses
/// silos intact and the API answers 503, retryable.
/// </summary>
[GenerateSerializer, Alias("DoiThoai.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
