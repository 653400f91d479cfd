// The integration tests start Debian's servers (aiosmtpd, Kannel, Icecast) as processes: they run on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
