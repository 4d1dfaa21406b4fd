using System.Text.Json;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces.Analytics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;
using Orleans.Timers;

namespace Marketplace.Grains.Tests.Harness;

/// <summary>
/// The grains on one real in-process Orleans silo, with what a test needs to steer them replaced by fakes the
/// harness owns (so they outlive <see cref="RestartAsync"/>): a clock that moves only when told, storage that
/// keeps state as JSON, a reminder table on that clock, and a stream provider that records what is published.
/// Orleans itself activates grains, runs their turns, serializes every call and routes reminder ticks.
/// </summary>
public sealed class GrainHarness : IAsyncDisposable
{
    private readonly IConfiguration _configuration;
    private readonly Action<IServiceCollection>? _configure;
    private readonly JsonGrainStorage _storage = new();
    private readonly HarnessReminders _reminders;
    private InProcessTestCluster _cluster = null!;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
    public RecordingStreamProvider Streams { get; } = new();
    public JsonGrainStorage Storage => _storage;

    /// <summary>The silo's services (those of the current silo: a restart replaces them).</summary>
    public IServiceProvider Services => _cluster.Silos[0].ServiceProvider;

    private IGrainFactory Grains => _cluster.Client;

    private GrainHarness(IDictionary<string, string?>? configuration, Action<IServiceCollection>? configure)
    {
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build();
        _configure = configure;
        _reminders = new HarnessReminders(Time);
    }

    /// <param name="configure">Extra silo services (e.g. a recording <c>IRiskAlertSink</c>), applied after the grains' own.</param>
    public static async Task<GrainHarness> StartAsync(IDictionary<string, string?>? configuration = null, Action<IServiceCollection>? configure = null)
    {
        var harness = new GrainHarness(configuration, configure);
        await harness.DeployAsync();
        return harness;
    }

    private async Task DeployAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMarketplaceGrains(_configuration);
            var services = silo.Services;
            // Grains read the fake clock; Orleans' own loops (membership, directory, messaging) stay on real time.
            services.AddSingleton<TimeProvider>(Time);
            services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            // The default provider (what [PersistentState] without a provider name uses): unkeyed and as "Default", as Orleans registers it.
            services.AddSingleton<IGrainStorage>(_storage);
            services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, _storage);
            // Grain.RegisterOrUpdateReminder & co. resolve IReminderRegistry from the activation's services.
            services.AddSingleton<IReminderRegistry>(_reminders);
            // Grain.GetStreamProvider(name) resolves the keyed IStreamProvider.
            services.AddKeyedSingleton<IStreamProvider>(MarketStreams.ProviderName, Streams);
            _configure?.Invoke(services);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public T GetGrain<T>(string primaryKey) where T : IGrainWithStringKey => Grains.GetGrain<T>(primaryKey);

    public T GetGrain<T>(GrainId grainId) where T : IAddressable => Grains.GetGrain<T>(grainId);

    /// <summary>The id Orleans gives the grain behind <typeparamref name="T"/> with this key (for <see cref="HasReminder"/>).</summary>
    public GrainId GrainIdOf<T>(string primaryKey) where T : IGrainWithStringKey => GetGrain<T>(primaryKey).GetGrainId();

    /// <summary>
    /// Moves the clock, then delivers every reminder now due, once, through a grain reference (as Orleans'
    /// reminder service does: the call activates the grain if needed and is a turn like any other).
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        var now = Time.GetUtcNow();
        foreach (var tick in _reminders.DueAt(now))
        {
            if (!_reminders.IsCurrent(tick)) continue; // an earlier tick unregistered or re-aimed it
            await GetGrain<IRemindable>(tick.GrainId).ReceiveReminder(tick.Name, new TickStatus(tick.FirstTick.UtcDateTime, tick.Period, now.UtcDateTime));
            _reminders.Reschedule(tick, now);
        }
    }

    public bool HasReminder(GrainId grainId, string name) => _reminders.Contains(grainId, name);

    /// <summary>When the reminder ticks next, or null when it is not registered.</summary>
    public DateTimeOffset? ReminderDue(GrainId grainId, string name) => _reminders.DueOf(grainId, name);

    /// <summary>
    /// A process restart: the silo is killed (no deactivation runs, every activation and in-memory queue is
    /// gone) and a new one started on the same storage, reminders, streams and clock. Grain references taken
    /// before belong to the old client: get new ones.
    /// </summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await DeployAsync();
    }

    /// <summary>A graceful restart: the silo shuts down (every activation deactivates, reason ShuttingDown) and a new one starts.</summary>
    public async Task RestartGracefullyAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await DeployAsync();
    }

    private async Task KillAsync()
    {
        foreach (var silo in _cluster.Silos) await _cluster.KillSiloAsync(silo);
        await _cluster.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();
}

/// <summary>
/// Grain state kept as System.Text.Json text (default options), so a state type that would not survive a real
/// store fails here too. ETags as a real store: a write or clear with a stale ETag throws
/// <see cref="InconsistentStateException"/>. Owned by the test, not the silo, so it outlives restarts.
/// </summary>
public sealed class JsonGrainStorage : IGrainStorage
{
    private readonly Dictionary<string, (string Json, string ETag)> _rows = [];
    private readonly Dictionary<string, (int After, int Count)> _failingWrites = [];
    private readonly Dictionary<string, int> _writes = [];

    /// <summary>
    /// After <paramref name="after"/> more successful writes of <paramref name="stateName"/> state, the next
    /// <paramref name="count"/> throw, as a store outage would.
    /// </summary>
    public void FailWrites(string stateName, int count, int after = 0) { lock (_rows) _failingWrites[stateName] = (after, count); }

    /// <summary>Successful writes of <paramref name="stateName"/> state so far.</summary>
    public int WritesOf(string stateName) { lock (_rows) return _writes.GetValueOrDefault(stateName); }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        (string Json, string ETag) row;
        bool found;
        lock (_rows) found = _rows.TryGetValue(Key(stateName, grainId), out row);
        grainState.State = found ? JsonSerializer.Deserialize<T>(row.Json)! : Activator.CreateInstance<T>();
        grainState.ETag = found ? row.ETag : null;
        grainState.RecordExists = found;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var json = JsonSerializer.Serialize(grainState.State);
        var etag = Guid.NewGuid().ToString("N");
        lock (_rows)
        {
            if (_failingWrites.TryGetValue(stateName, out var failing) && failing.Count > 0)
            {
                if (failing.After > 0) _failingWrites[stateName] = failing with { After = failing.After - 1 };
                else
                {
                    _failingWrites[stateName] = failing with { Count = failing.Count - 1 };
                    throw new IOException($"Injected write failure of {stateName} state ({grainId}).");
                }
            }
            CheckETag(stateName, grainId, grainState.ETag);
            _rows[Key(stateName, grainId)] = (json, etag);
            _writes[stateName] = _writes.GetValueOrDefault(stateName) + 1;
        }
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_rows)
        {
            CheckETag(stateName, grainId, grainState.ETag);
            _rows.Remove(Key(stateName, grainId));
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private void CheckETag(string stateName, GrainId grainId, string? expected)
    {
        var stored = _rows.TryGetValue(Key(stateName, grainId), out var row) ? row.ETag : null;
        if (stored != expected)
            throw new InconsistentStateException($"ETag mismatch for {stateName} of {grainId}: stored {stored ?? "none"}, written {expected ?? "none"}.", stored, expected);
    }
}

/// <summary>
/// The reminder table, on the harness clock: grains register and unregister through Orleans' own extension
/// methods (they resolve <see cref="IReminderRegistry"/>); <see cref="GrainHarness.AdvanceAsync"/> delivers the ticks.
/// Checks arguments as Orleans does, so a period below Orleans' minimum fails here and not first in production.
/// </summary>
public sealed class HarnessReminders(TimeProvider clock) : IReminderRegistry
{
    /// <summary>Orleans' default <c>ReminderOptions.MinimumReminderPeriod</c>.</summary>
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromMinutes(1);

    private readonly Dictionary<(GrainId, string), Registration> _table = [];

    /// <summary>One registration; a re-registration is a new instance (reference identity tells them apart).</summary>
    public sealed class Registration(GrainId grainId, string name, DateTimeOffset firstTick, TimeSpan period)
    {
        public GrainId GrainId { get; } = grainId;
        public string Name { get; } = name;
        public DateTimeOffset FirstTick { get; } = firstTick;
        public TimeSpan Period { get; } = period;
        public DateTimeOffset Due { get; set; } = firstTick;
    }

    private sealed record Handle(string ReminderName) : IGrainReminder;

    public Task<IGrainReminder> RegisterOrUpdateReminder(GrainId callingGrainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, MinimumPeriod);
        lock (_table) _table[(callingGrainId, reminderName)] = new Registration(callingGrainId, reminderName, clock.GetUtcNow() + dueTime, period);
        return Task.FromResult<IGrainReminder>(new Handle(reminderName));
    }

    public Task UnregisterReminder(GrainId callingGrainId, IGrainReminder reminder)
    {
        lock (_table) _table.Remove((callingGrainId, reminder.ReminderName));
        return Task.CompletedTask;
    }

    public Task<IGrainReminder?> GetReminder(GrainId callingGrainId, string reminderName) =>
        Task.FromResult<IGrainReminder?>(Contains(callingGrainId, reminderName) ? new Handle(reminderName) : null);

    public Task<List<IGrainReminder>> GetReminders(GrainId callingGrainId)
    {
        lock (_table) return Task.FromResult(_table.Values.Where(r => r.GrainId == callingGrainId).Select(r => (IGrainReminder)new Handle(r.Name)).ToList());
    }

    public DateTimeOffset? DueOf(GrainId grainId, string name)
    {
        lock (_table) return _table.TryGetValue((grainId, name), out var registration) ? registration.Due : null;
    }

    public bool Contains(GrainId grainId, string name)
    {
        lock (_table) return _table.ContainsKey((grainId, name));
    }

    /// <summary>The registrations due at <paramref name="now"/>, earliest first.</summary>
    public IReadOnlyList<Registration> DueAt(DateTimeOffset now)
    {
        lock (_table) return [.. _table.Values.Where(r => r.Due <= now).OrderBy(r => r.Due)];
    }

    public bool IsCurrent(Registration registration)
    {
        lock (_table) return _table.TryGetValue((registration.GrainId, registration.Name), out var current) && ReferenceEquals(current, registration);
    }

    /// <summary>After a tick: the next one a period later (missed ticks are skipped, as Orleans does), unless the grain changed it meanwhile.</summary>
    public void Reschedule(Registration registration, DateTimeOffset now)
    {
        lock (_table)
        {
            if (!IsCurrent(registration)) return;
            var next = registration.Due + registration.Period;
            while (next <= now) next += registration.Period;
            registration.Due = next;
        }
    }
}

/// <summary>Records what grains publish, in order, per stream; can be told to refuse the next publishes (an outage).</summary>
public sealed class RecordingStreamProvider : IStreamProvider
{
    private readonly List<(StreamId Stream, object Item)> _published = [];
    private int _failuresLeft;
    public string Name => MarketStreams.ProviderName;
    public bool IsRewindable => false;

    /// <summary>The next <paramref name="count"/> publishes throw (and record nothing).</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    /// <summary>Publishes refused so far since the last <see cref="FailNext"/> are those not left.</summary>
    public int FailuresLeft => Volatile.Read(ref _failuresLeft);

    public IReadOnlyList<T> Published<T>() { lock (_published) return [.. _published.Select(p => p.Item).OfType<T>()]; }

    public IReadOnlyList<T> Published<T>(StreamId stream) { lock (_published) return [.. _published.Where(p => p.Stream.Equals(stream)).Select(p => p.Item).OfType<T>()]; }

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new Stream<T>(this, streamId);

    private void Publish(StreamId id, object item)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0) throw new IOException($"Stream provider unavailable (test): {id}");
        Interlocked.Increment(ref _failuresLeft); // went below zero: undo, no failure pending
        lock (_published) _published.Add((id, item));
    }

    /// <summary>Only producing is supported: nothing subscribes to the recorder.</summary>
    private sealed class Stream<T>(RecordingStreamProvider owner, StreamId id) : ProducerOnlyStream<T>(id, owner.Name)
    {
        public override Task OnNextAsync(T item, StreamSequenceToken? token = null)
        {
            owner.Publish(StreamId, item!);
            return Task.CompletedTask;
        }
    }
}

/// <summary>A fake clock that moves only when told (its timers, unused by the grains here, are the system's).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
