namespace DoiThoai.Grains.Abstractions.Storage;

/// <summary>
/// A write was sent to storage but no answer came back (the connection broke or timed out after the request left), and
/// storage could not be asked in time whether it landed: the change may or may not be stored. The API answers 503
/// with a problem that says so, so that the officer looks before repeating; never "nothing changed".
/// </summary>
[GenerateSerializer, Alias("DoiThoai.StorageOutcomeUnknownException")]
public sealed class StorageOutcomeUnknownException : Exception
{
    public StorageOutcomeUnknownException()
    {
    }

    public StorageOutcomeUnknownException(string message)
        : base(message)
    {
    }

    public StorageOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
