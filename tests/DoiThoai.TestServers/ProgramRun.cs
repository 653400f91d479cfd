using System.Diagnostics;

namespace DoiThoai.TestServers;

/// <summary>A helper program run to its end (a compiler, a converter, a database tool), failing the run if it fails.</summary>
public static class ProgramRun
{
    public static ProcessStartInfo Info(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs it and returns what it printed, standard output then standard error.</summary>
    public static async Task<string> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        Require.That(process.ExitCode == 0, $"{start.FileName} failed ({process.ExitCode}): {await output}{await error}");
        return await output + await error;
    }

    public static Task<string> RunAsync(string program, params string[] arguments) => RunAsync(Info(program, arguments));
}
