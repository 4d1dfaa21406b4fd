using Marketplace.Grains.Analytics;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces.Analytics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Reminders;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;
using ManualClock = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace Marketplace.Grains.Tests.Harness;

/// <summary>
/// One in-process Orleans silo with Orleans' own services where <see cref="GrainHarness"/> has fakes: the real
/// reminder service (ticking on a manual clock), memory streams with the real implicit subscription of
/// MarketEventRouterGrain, and the read side. What must outlive <see cref="RestartAsync"/> as a database would
/// (grain state, the aggregates' fact rows, the reminder table) is owned here; memory streams and activations die with the silo.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    /// <summary>Name of the memory stream provider when a test puts its own "Market" provider in front of it.</summary>
    public const string InnerStreamProvider = "Market.inner";

    private readonly IConfiguration _configuration;
    private readonly string _streamProvider;
    private readonly Action<IServiceCollection>? _configure;
    private readonly bool _manualClock;
    private readonly JsonGrainStorage _storage = new();
    private readonly PersistentReminderTable _reminderTable = new();
    private readonly MemoryAggregateFactStore _factStore = new();
    private InProcessTestCluster _cluster = null!;

    /// <summary>The grains' clock and the reminder service's: reminders fire when it is advanced past their due time (unused with the system clock).</summary>
    public ManualClock Time { get; } = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));

    public IClusterClient Client => _cluster.Client;
    public IGrainFactory GrainFactory => _cluster.Client;
    /// <summary>The aggregates' fact rows (a database's, in effect: it outlives restarts).</summary>
    public MemoryAggregateFactStore FactStore => _factStore;

    /// <summary>The current silo's services (a restart replaces them).</summary>
    public IServiceProvider Services => _cluster.Silos[0].ServiceProvider;

    private TestSilo(IDictionary<string, string?>? configuration, string streamProvider, Action<IServiceCollection>? configure, bool manualClock)
    {
        _manualClock = manualClock;
        // The listing projection in memory unless a test says otherwise: grain state is in _storage, not in a file.
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>()) settings[key] = value;
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _streamProvider = streamProvider;
        _configure = configure;
    }

    /// <param name="streamProvider">Name of the memory stream provider: "Market", or <see cref="InnerStreamProvider"/> when
    /// <paramref name="configure"/> registers a keyed "Market" <see cref="IStreamProvider"/> in front of it.</param>
    /// <param name="manualClock">False: everything on the system clock (for tests that compare with real time).</param>
    public static async Task<TestSilo> StartAsync(
        IDictionary<string, string?>? configuration = null, string streamProvider = MarketStreams.ProviderName, Action<IServiceCollection>? configure = null,
        bool manualClock = true)
    {
        var silo = new TestSilo(configuration, streamProvider, configure, manualClock);
        await silo.DeployAsync();
        return silo;
    }

    private async Task DeployAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMarketplaceGrains(_configuration);
            silo.Services.AddMarketReadSide(_configuration);
            silo.Services.AddSingleton<IAggregateFactStore>(_factStore); // after the read side's own: the last registration wins

            if (_manualClock)
            {
                // Grains and the reminder service on the manual clock; the rest of Orleans on real time.
                silo.Services.AddSingleton<TimeProvider>(Time);
                silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
                silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, Time);
            }

            // The default grain storage (unkeyed and as "Default", as Orleans registers it).
            silo.Services.AddSingleton<IGrainStorage>(_storage);
            silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, _storage);
            silo.AddMemoryGrainStorage("PubSubStore"); // explicit stream subscriptions (the tests' own observers)

            // Orleans' reminder service; its table is ours so reminders survive a restart. Periods stay at
            // Orleans' minimum (1 min): the tests move the clock, not the configuration.
            silo.AddReminders();
            silo.Services.AddSingleton<IReminderTable>(_reminderTable);

            silo.AddMemoryStreams(_streamProvider);
            _configure?.Invoke(silo.Services);
        });
        // The tests publish and subscribe from the client too.
        builder.ConfigureClient(client => client.AddMemoryStreams(_streamProvider));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>A process restart: the silo is killed (no deactivation runs) and a new one started on the same state and reminder table.</summary>
    public async Task RestartAsync()
    {
        foreach (var silo in _cluster.Silos) await _cluster.KillSiloAsync(silo);
        await _cluster.DisposeAsync();
        await DeployAsync();
    }

    /// <summary>Moves the manual clock by <paramref name="step"/> (reminders tick on it) until the condition holds; generous real-time deadline.</summary>
    public async Task AdvanceUntilAsync(Func<Task<bool>> done, TimeSpan step, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}");
            Time.Advance(step);
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();
}

/// <summary>
/// A reminder table that lives as long as the test (a database's, in effect): Orleans' in-memory table is
/// a grain and would die with the silo. Rows are copied in and out, as a store would.
/// </summary>
public sealed class PersistentReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId, string), ReminderEntry> _rows = [];

    private static ReminderEntry Copy(ReminderEntry e) =>
        new() { GrainId = e.GrainId, ReminderName = e.ReminderName, StartAt = e.StartAt, Period = e.Period, ETag = e.ETag };

    public Task Init() => Task.CompletedTask;

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (_rows) return Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var e) ? Copy(e) : null);
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        lock (_rows) return Task.FromResult(new ReminderTableData(_rows.Values.Where(e => e.GrainId == grainId).Select(Copy).ToList()));
    }

    /// <summary>The ring range (begin, end], wrapping when begin >= end (one silo: begin == end, everything).</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        bool InRange(uint h) => begin < end ? h > begin && h <= end : h > begin || h <= end;
        lock (_rows) return Task.FromResult(new ReminderTableData(_rows.Values.Where(e => InRange(e.GrainId.GetUniformHashCode())).Select(Copy).ToList()));
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        lock (_rows)
        {
            if (!_rows.TryGetValue((grainId, reminderName), out var e) || e.ETag != eTag) return Task.FromResult(false);
            return Task.FromResult(_rows.Remove((grainId, reminderName)));
        }
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var row = Copy(entry);
        row.ETag = Guid.NewGuid().ToString("N");
        lock (_rows) _rows[(row.GrainId, row.ReminderName)] = row;
        return Task.FromResult<string?>(row.ETag);
    }

    public Task TestOnlyClearTable()
    {
        lock (_rows) _rows.Clear();
        return Task.CompletedTask;
    }
}
