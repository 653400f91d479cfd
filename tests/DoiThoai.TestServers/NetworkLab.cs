using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace DoiThoai.TestServers;

/// <summary>
/// One host of a <see cref="NetworkLab"/>: a Linux network namespace with one address in 198.18.0.0/15. Programs run
/// in it through <c>ip netns exec</c>; what it serves is reached at <see cref="Address"/> from the lab's other hosts,
/// and from the test (which stays outside every lab) only through files: Unix sockets and standard output.
/// </summary>
public sealed record NetworkHost(string Name, string Namespace, string Address)
{
    /// <summary>The same program, started inside this host's namespace.</summary>
    public ProcessStartInfo Wrap(ProcessStartInfo start)
    {
        var wrapped = new ProcessStartInfo("ip")
        {
            RedirectStandardInput = start.RedirectStandardInput,
            RedirectStandardOutput = start.RedirectStandardOutput,
            RedirectStandardError = start.RedirectStandardError,
            WorkingDirectory = start.WorkingDirectory,
        };
        foreach (var argument in new[] { "netns", "exec", Namespace, start.FileName }.Concat(start.ArgumentList))
        {
            wrapped.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in start.Environment)
        {
            wrapped.Environment[key] = value;
        }

        return wrapped;
    }

    /// <summary>Waits until a server just started in this host accepts connections on the port (at its address or loopback).</summary>
    public async Task WaitForListenerAsync(string address, int port, Func<bool>? hasExited = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            Require.That(!(hasExited?.Invoke() ?? false), $"The server for {address}:{port} in {Name} exited at start.");
            using var probe = Process.Start(Wrap(ProgramRun.Info("bash", "-c", $"exec 3<>/dev/tcp/{address}/{port}")))!;
            await probe.WaitForExitAsync(CancellationToken.None);
            if (probe.ExitCode == 0)
            {
                return;
            }

            Require.That(DateTime.UtcNow < deadline, $"Nothing listens on {address}:{port} in {Name}.");
            await Task.Delay(100, CancellationToken.None);
        }
    }
}

/// <summary>
/// Hosts in network namespaces of their own, each joined by a veth pair to a hub namespace that routes between them,
/// so that a link can be cut the way a network fails: silently. A cut is a pair of policy rules in the hub that drop
/// (blackhole) what one host sends the other, both ways; the hosts themselves notice nothing but silence, as behind a
/// broken switch. Addresses come from 198.18.0.0/15 (RFC 2544, for tests) and exist only inside the lab's namespaces;
/// nothing is added to the machine's own namespace. Disposing deletes every namespace (and with it every link) the lab
/// made, and kills what still runs in them; a lab left behind by a killed test run is removed by the next one.
/// Needs root and iproute2 (<c>ip netns</c>); <c>tc netem</c> is not used.
/// </summary>
public sealed class NetworkLab : IAsyncDisposable
{
    private const string Prefix = "dtlab";

    private readonly string _id;
    private readonly Dictionary<string, NetworkHost> _hosts = [];
    private readonly HashSet<(string From, string To)> _cuts = [];

    private NetworkLab(string id) => _id = id;

    public IReadOnlyDictionary<string, NetworkHost> Hosts => _hosts;

    private string Hub => $"{Prefix}{_id}-hub";

    /// <summary>A lab whose hosts have the given names (in order: 198.18.0.2, .6, .10 …, each on a /30 to the hub).</summary>
    public static async Task<NetworkLab> CreateAsync(params string[] names)
    {
        Require.That(Environment.UserName == "root", "The network drills create network namespaces, which needs root.");
        await RemoveAbandonedAsync();
        var lab = new NetworkLab(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "x" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture));
        try
        {
            await IpAsync("netns", "add", lab.Hub);
            await IpAsync("-n", lab.Hub, "link", "set", "lo", "up");
            await ProgramRun.RunAsync("ip", "netns", "exec", lab.Hub, "sysctl", "-qw", "net.ipv4.ip_forward=1");
            for (var i = 0; i < names.Length; i++)
            {
                lab._hosts[names[i]] = await lab.AddHostAsync(names[i], i);
            }
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }

        return lab;
    }

    private async Task<NetworkHost> AddHostAsync(string name, int index)
    {
        var ns = $"{Prefix}{_id}-{index}";
        var hubSide = $"h{index}";
        var gateway = $"198.18.0.{4 * index + 1}";
        var address = $"198.18.0.{4 * index + 2}";
        await IpAsync("netns", "add", ns);
        await IpAsync("-n", Hub, "link", "add", hubSide, "type", "veth", "peer", "name", "eth0", "netns", ns);
        await IpAsync("-n", Hub, "addr", "add", gateway + "/30", "dev", hubSide);
        await IpAsync("-n", Hub, "link", "set", hubSide, "up");
        await IpAsync("-n", ns, "addr", "add", address + "/30", "dev", "eth0");
        await IpAsync("-n", ns, "link", "set", "lo", "up");
        await IpAsync("-n", ns, "link", "set", "eth0", "up");
        // Only the lab's own range goes to the hub, no default route: anything else (the machine's DNS server, say)
        // is unreachable at once, not dropped by the hub after ICMP's rate limit (a 5 s wait per lookup).
        await IpAsync("-n", ns, "route", "add", "198.18.0.0/15", "via", gateway);
        return new NetworkHost(name, ns, address);
    }

    /// <summary>Nothing passes between the two hosts any more, either way, until <see cref="HealAsync"/>.</summary>
    public async Task CutAsync(string a, string b)
    {
        foreach (var (from, to) in new[] { (a, b), (b, a) })
        {
            if (_cuts.Add((from, to)))
            {
                await IpAsync("-n", Hub, "rule", "add", "from", _hosts[from].Address, "to", _hosts[to].Address, "blackhole");
            }
        }
    }

    /// <summary>The host cut from every other host of the lab.</summary>
    public async Task IsolateAsync(string name)
    {
        foreach (var other in _hosts.Keys.Where(h => h != name))
        {
            await CutAsync(name, other);
        }
    }

    /// <summary>Every cut removed: the lab is one network again.</summary>
    public async Task HealAsync()
    {
        foreach (var (from, to) in _cuts.ToList())
        {
            await IpAsync("-n", Hub, "rule", "del", "from", _hosts[from].Address, "to", _hosts[to].Address, "blackhole");
            _cuts.Remove((from, to));
        }
    }

    /// <summary>
    /// A client of an HTTP server listening on a Unix socket: how the test, outside the lab, speaks to a host's API.
    /// </summary>
    public static HttpClient UnixSocketClient(string socketPath, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellation) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost"), Timeout = timeout };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var ns in _hosts.Values.Select(h => h.Namespace).Append(Hub))
        {
            await DeleteNamespaceAsync(ns);
        }

        _hosts.Clear();
    }

    private static async Task DeleteNamespaceAsync(string ns)
    {
        var pids = await TryIpAsync("netns", "pids", ns);
        foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture)).Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }

        await TryIpAsync("netns", "del", ns);
    }

    /// <summary>Namespaces of labs whose test process no longer runs (it was killed before it could clean up).</summary>
    private static async Task RemoveAbandonedAsync()
    {
        var listed = await TryIpAsync("netns", "list");
        foreach (var ns in listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var owner = ns[Prefix.Length..].Split('x')[0];
            if (int.TryParse(owner, CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                await DeleteNamespaceAsync(ns);
            }
        }
    }

    private static Task<string> IpAsync(params string[] arguments) => ProgramRun.RunAsync("ip", arguments);

    private static async Task<string> TryIpAsync(params string[] arguments)
    {
        using var process = Process.Start(ProgramRun.Info("ip", arguments))!;
        var output = await process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        return output;
    }
}
