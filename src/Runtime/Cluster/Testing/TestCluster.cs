using Marketplace.Runtime.Activation;
using Marketplace.Runtime.Cluster.Hosting;
using Marketplace.Runtime.Cluster.Membership;
using Marketplace.Runtime.Cluster.Placement;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.Memory;
using Marketplace.Runtime.Reminders;
using Marketplace.Runtime.Reminders.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Runtime.Cluster.Testing;

/// <summary>
/// N silos in one test process, each on its own generic host and loopback TCP port, sharing one
/// in-memory membership table (and, when asked, one memory grain storage and reminder table, which
/// play the database that outlives a silo). Silos can be killed (no leave, no answers: the others
/// must detect it), stopped gracefully and added; clients can join like the gateway does.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly Action<TestCluster, ISiloBuilder> _configure;
    private readonly Action<ClusterOptions> _clusterOptions;
    private readonly List<TestClusterSilo> _silos = [];
    private readonly List<IHost> _clients = [];

    private TestCluster(Action<TestCluster, ISiloBuilder> configure, Action<ClusterOptions>? clusterOptions)
    {
        _configure = configure;
        _clusterOptions = options =>
        {
            options.SiloPort = 0;
            options.ListenAddress = "127.0.0.1";
            options.AdvertisedHost = "127.0.0.1";
            options.ProbeInterval = TimeSpan.FromMilliseconds(200);
            options.ProbeTimeout = TimeSpan.FromMilliseconds(500);
            options.ClientRefreshInterval = TimeSpan.FromMilliseconds(200);
            options.IAmAliveInterval = TimeSpan.FromSeconds(1);
            clusterOptions?.Invoke(options);
        };
    }

    public IMembershipTable Table { get; } = new MemoryMembershipTable();

    /// <summary>Grain state that survives any silo: register it with <see cref="UseSharedStorage"/>.</summary>
    public MemoryGrainStorage Storage { get; } = new(new GrainStateSerializer());

    public MemoryReminderTable Reminders { get; } = new();

    public IReadOnlyList<TestClusterSilo> Silos => _silos;

    public IEnumerable<TestClusterSilo> LiveSilos => _silos.Where(s => s.IsAlive);

    /// <param name="configure">Each silo's configuration (grains, storage, streams); the cluster part is added here.</param>
    /// <param name="clusterOptions">Overrides of the fast test timings.</param>
    public static Task<TestCluster> StartAsync(int siloCount, Action<ISiloBuilder> configure, Action<ClusterOptions>? clusterOptions = null) =>
        StartAsync(siloCount, (_, silo) => configure(silo), clusterOptions);

    /// <param name="configure">Each silo's configuration, with the cluster at hand (e.g. <see cref="UseSharedStorage"/>).</param>
    public static async Task<TestCluster> StartAsync(int siloCount, Action<TestCluster, ISiloBuilder> configure, Action<ClusterOptions>? clusterOptions = null)
    {
        var cluster = new TestCluster(configure, clusterOptions);
        try
        {
            for (var i = 0; i < siloCount; i++) await cluster.StartSiloAsync();
            await cluster.WaitForConvergenceAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Grain storage "Default" and the reminder table shared by every silo of this cluster.</summary>
    public void UseSharedStorage(ISiloBuilder silo, Action<ReminderOptions>? reminders = null)
    {
        silo.AddMemoryGrainStorage(GrainStorageNames.Default);
        silo.Services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, Storage);
        silo.UseReminderTable(_ => Reminders, reminders);
    }

    /// <param name="port">The silo's TCP port; a free one when null.</param>
    public async Task<TestClusterSilo> StartSiloAsync(int? port = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.UseSilo(silo =>
        {
            _configure(this, silo);
            silo.UseCluster(options =>
            {
                _clusterOptions(options);
                if (port is { } fixedPort) options.SiloPort = fixedPort;
            }).UseMembershipTable(Table);
        });
        var host = builder.Build();
        await host.StartAsync();
        var silo = new TestClusterSilo(host);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Kills the silo (if alive) and starts a new process on its endpoint: a new generation, the same placement share.</summary>
    public async Task<TestClusterSilo> RestartSiloAsync(TestClusterSilo silo)
    {
        await silo.KillAsync();
        return await StartSiloAsync(silo.Address.Port);
    }

    /// <summary>A client process like the gateway: no grains, placement from the shared table, calls over TCP.</summary>
    public async Task<IClusterClient> CreateClientAsync(Action<ClusterClientBuilder> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.UseClusterClient(client =>
        {
            client.Configure(_clusterOptions).UseMembershipTable(Table);
            configure(client);
        });
        var host = builder.Build();
        await host.StartAsync();
        _clients.Add(host);
        return host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Waits until every live silo sees exactly the live silos as active.</summary>
    public async Task WaitForConvergenceAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var live = LiveSilos.Select(s => s.Address).OrderBy(a => a.ToString()).ToArray();
            if (LiveSilos.All(s => s.View.ActiveSilos.OrderBy(a => a.ToString()).SequenceEqual(live))) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The silos' views did not converge on {string.Join(", ", live.Select(a => a.ToString()))}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.StopAsync();
            client.Dispose();
        }
        foreach (var silo in _silos) await silo.DisposeAsync();
    }
}

/// <summary>One silo of a <see cref="TestCluster"/>.</summary>
public sealed class TestClusterSilo : IAsyncDisposable
{
    private readonly IHost _host;

    internal TestClusterSilo(IHost host)
    {
        _host = host;
        Address = host.Services.GetRequiredService<LocalSiloIdentity>().Silo!;
    }

    public SiloAddress Address { get; }
    public bool IsAlive { get; private set; } = true;
    public IServiceProvider Services => _host.Services;
    public IClusterClient GrainFactory => _host.Services.GetRequiredService<IClusterClient>();
    public ClusterMembershipView View => _host.Services.GetRequiredService<ClusterMembershipView>();

    /// <summary>The silo this one's view would place the grain on.</summary>
    public SiloAddress? OwnerOf(GrainId grainId) => _host.Services.GetRequiredService<ClusterPlacement>().GetOwner(grainId);

    public bool HasActivation(GrainId grainId) => IsAlive && _host.Services.GetRequiredService<Catalog>().TryGet(grainId, out _);

    public int ActivationCount => IsAlive ? _host.Services.GetRequiredService<Catalog>().Count : 0;

    /// <summary>A crash: stops answering and heartbeating at once, leaves its row Active for the others to vote dead.</summary>
    public async Task KillAsync()
    {
        if (!IsAlive) return;
        IsAlive = false;
        _host.Services.GetRequiredService<MembershipService>().Kill();
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>A graceful leave: ShuttingDown, grains deactivate, then Dead.</summary>
    public async Task StopAsync()
    {
        if (!IsAlive) return;
        IsAlive = false;
        await _host.StopAsync();
        _host.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
