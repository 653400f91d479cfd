using Microsoft.Extensions.Configuration.Memory;

namespace DoiThoai.Silo.Hosting;

/// <summary>
/// The console at Information says what an operator needs: the platform's own lines, and the libraries' warnings and
/// errors. Orleans (its options dumped at start, its lifecycle), Quartz (its scheduler's start and stop), Polly (a line per attempt of Orleans' placement
/// retries) and ASP.NET Core speak at Information too; they are lowered to Warning here, beneath every other
/// configuration source, so `Logging:LogLevel:…` given in a file, the environment or the command line still wins.
/// </summary>
internal static class LoggingDefaults
{
    public static void AddQuietLoggingDefaults(this ConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Orleans"] = "Warning",
                ["Logging:LogLevel:Polly"] = "Warning",
                ["Logging:LogLevel:Quartz"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information", // "Now listening on: …"
            },
        });
}
