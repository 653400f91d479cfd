namespace DoiThoai.Grains;

/// <summary>The storage provider the grains keep their state in; the host decides what backs it.</summary>
public static class GrainStorage
{
    public const string Name = "doithoai";
}
