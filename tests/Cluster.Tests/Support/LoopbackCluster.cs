using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Marketplace.Persistence.Clustering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Marketplace.Cluster.Tests;

/// <summary>
/// The deploy/local topology for a test: a private PostgreSQL (its own data directory and port, so
/// the test may restart it without disturbing other tests), Orleans silo processes started by
/// deploy/local/cluster.sh over it (PostgreSQL membership, storage, reminders and streams) that may also host
/// extra grains (Silo:GrainAssemblies, e.g. the tests' counter grain), gateway processes, and Orleans clients in
/// the calling process. Also linked into bench/Load, which drives the same topology through GraphQL only.
/// </summary>
public sealed class LoopbackCluster : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _work;
    private readonly Dictionary<string, string> _environment;
    private readonly List<IHost> _clients = [];
    private readonly Assembly? _grainAssembly;

    /// <summary>Ports kept free above the silos' for gateway processes.</summary>
    public const int MaxGateways = 2;

    public const string ClusterId = "loopback";

    private LoopbackCluster(string root, string work, int pgPort, int basePort, int healthBase, int orleansGatewayBase, int gatewayBase, Assembly? grainAssembly)
    {
        _root = root;
        _work = work;
        _grainAssembly = grainAssembly;
        BasePort = basePort;
        HealthBase = healthBase;
        OrleansGatewayBase = orleansGatewayBase;
        GatewayBase = gatewayBase;
        ConnectionString = $"Host=127.0.0.1;Port={pgPort};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50;Timeout=3;Command Timeout=5";
        // The silo and gateway builds of the caller's configuration: bin/<Configuration>/net10.0 of the assembly this file is in.
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(LoopbackCluster).Assembly.Location))!);
        var grainArguments = grainAssembly is null ? "" : $"--Silo:GrainAssemblies:0={grainAssembly.Location} ";
        _environment = new()
        {
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["CLUSTER_ID"] = ClusterId,
            ["BASE_PORT"] = basePort.ToString(),
            ["HEALTH_BASE_PORT"] = healthBase.ToString(),
            ["ORLEANS_GATEWAY_BASE_PORT"] = orleansGatewayBase.ToString(),
            ["STATE_DIR"] = Path.Combine(work, "silos"),
            ["SILO_DLL"] = Path.Combine(root, "src", "Silo", "bin", configuration, "net10.0", "Marketplace.Silo.dll"),
            ["SILO_ARGS"] = $"{grainArguments}--Logging:LogLevel:Default=Warning",
            ["GATEWAY_BASE_PORT"] = gatewayBase.ToString(),
            ["GATEWAY_DLL"] = Path.Combine(root, "src", "Gateway", "bin", configuration, "net10.0", "Marketplace.Gateway.dll"),
            ["MARKETPLACE_PG_PORT"] = pgPort.ToString(),
            ["MARKETPLACE_PG_DATA"] = Path.Combine(work, "pg"),
        };
    }

    public string ConnectionString { get; }

    /// <summary>Silo i listens for silo traffic on BasePort + i.</summary>
    public int BasePort { get; }

    /// <summary>Silo i answers /health/ready on HealthBase + i.</summary>
    public int HealthBase { get; }

    /// <summary>Silo i accepts Orleans clients on OrleansGatewayBase + i.</summary>
    public int OrleansGatewayBase { get; }

    /// <summary>Gateway process j serves GraphQL on GatewayBase + j.</summary>
    public int GatewayBase { get; }

    /// <summary>The index of the silo process at a silo address (by its silo port).</summary>
    public int SiloIndex(SiloAddress silo) => silo.Endpoint.Port - BasePort;

    public Uri GatewayUri(int index) => new($"http://127.0.0.1:{GatewayBase + index}");

    /// <param name="grainAssembly">Grains the silos load besides the marketplace's (Silo:GrainAssemblies), and whose types the clients serialize.</param>
    public static async Task<LoopbackCluster> StartAsync(int silos, Assembly? grainAssembly = null)
    {
        var root = FindRoot();
        var work = Path.Combine(root, ".tmp", "loopback-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        // One range for everything (silo ports, health ports, silo gateway ports, gateway processes, then
        // PostgreSQL), below the ephemeral ports.
        var count = silos * 3 + MaxGateways;
        var basePort = FreePortRange(count + 1);
        var cluster = new LoopbackCluster(root, work, pgPort: basePort + count, basePort, healthBase: basePort + silos,
            orleansGatewayBase: basePort + silos * 2, gatewayBase: basePort + silos * 3, grainAssembly);
        try
        {
            await cluster.StartPostgresAsync();
            await cluster.RunAsync("deploy/local/cluster.sh", "start", silos.ToString());
            await cluster.WaitUntilReadyAsync(Enumerable.Range(0, silos), silos);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    public Task StartPostgresAsync() => RunAsync("scripts/postgres.sh", "start");
    public Task StopPostgresAsync() => RunAsync("scripts/postgres.sh", "stop");
    public Task KillSiloAsync(int index) => RunAsync("deploy/local/cluster.sh", "kill", index.ToString());

    /// <summary>(Re)starts silo <paramref name="index"/> (deploy/local/cluster.sh start-one); wait for it with <see cref="WaitUntilReadyAsync"/>.</summary>
    public Task StartSiloAsync(int index) => RunAsync("deploy/local/cluster.sh", "start-one", index.ToString());

    /// <summary>Starts gateway process <paramref name="index"/> in Cluster mode (deploy/local/cluster.sh gateway) and waits until it serves.</summary>
    /// <param name="arguments">Extra configuration as command-line arguments, e.g. --Auth:AdminToken=x.</param>
    public async Task StartGatewayAsync(int index, params string[] arguments)
    {
        if (index is < 0 or >= MaxGateways) throw new ArgumentOutOfRangeException(nameof(index), $"At most {MaxGateways} gateways.");
        await RunAsync("deploy/local/cluster.sh", new Dictionary<string, string>
        {
            ["GATEWAY_ARGS"] = string.Join(' ', arguments.Append("--Logging:LogLevel:Default=Warning")),
        }, "gateway", index.ToString());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri(GatewayUri(index), "/health/ready"))).IsSuccessStatusCode) return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gateway {index} did not become ready. Log tail:\n{LogTail($"gateway{index}")}");
            await Task.Delay(200);
        }
    }

    public bool IsSiloProcessAlive(int index)
    {
        var pidFile = Path.Combine(_work, "silos", $"silo{index}.pid");
        if (!File.Exists(pidFile)) return false;
        try { return !Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim())).HasExited; }
        catch (ArgumentException) { return false; }
    }

    public async Task WaitUntilReadyAsync(IEnumerable<int> silos, int activeSilos, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        foreach (var index in silos)
        {
            while (true)
            {
                try
                {
                    var response = await http.GetAsync($"http://127.0.0.1:{HealthBase + index}/health/ready");
                    if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains($"\"activeSilos\":{activeSilos}")) break;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException) { }
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Silo {index} was not ready with {activeSilos} active silos. Log tail:\n{LogTail($"silo{index}")}");
                await Task.Delay(200);
            }
        }
    }

    public string LogTail(string process)
    {
        var log = Path.Combine(_work, "silos", $"{process}.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(40)) : "(no log)";
    }

    /// <summary>
    /// An Orleans client in the test process, connected the way the gateway's cluster mode connects
    /// (UseMarketplaceClustering: the gateway list from the PostgreSQL membership table).
    /// </summary>
    public async Task<IClusterClient> CreateClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:MembershipTable"] = "Postgres",
            ["Cluster:GatewayListRefreshPeriod"] = "00:00:01",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseMarketplaceClustering(builder.Configuration);
            if (_grainAssembly is not null) client.Services.AddSerializer(serializer => serializer.AddAssembly(_grainAssembly));
            // A call caught on a killed silo fails after 5 s instead of Orleans' 30 s, so callers retry sooner.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        await host.StartAsync();
        _clients.Add(host);
        return host.Services.GetRequiredService<IClusterClient>();
    }

    private Task RunAsync(string script, params string[] arguments) => RunAsync(script, new Dictionary<string, string>(), arguments);

    private async Task RunAsync(string script, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(_root, script)) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = _root };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in _environment.Concat(environment)) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try { await client.StopAsync(); } catch (Exception) { /* best effort */ }
            client.Dispose();
        }
        try { await RunAsync("deploy/local/cluster.sh", "stop"); } catch (Exception) { /* best effort */ }
        // destroy, not stop: as root the data directory may live under /var/tmp, outside _work.
        try { await RunAsync("scripts/postgres.sh", "destroy"); } catch (Exception) { /* best effort */ }
        try { Directory.Delete(_work, recursive: true); } catch (Exception) { /* best effort */ }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln"))) return directory.FullName;
        throw new InvalidOperationException("Cannot find the repository root (Marketplace.sln) above the test directory.");
    }

    /// <summary>
    /// A base port whose next <paramref name="count"/> ports are free now, below the kernel's ephemeral range:
    /// ports from that range are handed to outgoing connections (silo links, PostgreSQL clients) and one of
    /// them could take a gateway's port between this check and the gateway binding it.
    /// </summary>
    private static int FreePortRange(int count)
    {
        var ephemeralLow = EphemeralRangeStart();
        var low = ephemeralLow > 20000 + count ? 20000 : 10000;
        var high = Math.Max(low + 1, Math.Min(ephemeralLow, 65535) - count);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var candidate = Random.Shared.Next(low, high);
            if (Enumerable.Range(candidate, count).All(IsFree)) return candidate;
        }
        throw new InvalidOperationException("No free port range found.");
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768; // Linux's default
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
