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

    /// <summary>Starts a server program, reading and discarding what it prints so that its pipes never fill.</summary>
    public static Process StartServer(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGKILL to a server program and what it started, if it still runs; returns once it is gone.</summary>
    public static async Task KillAsync(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }
}
