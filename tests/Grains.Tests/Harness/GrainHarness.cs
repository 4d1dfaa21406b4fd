using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Marketplace.Grains.Configuration;
using Marketplace.Runtime;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Grains.Tests.Harness;

/// <summary>
/// A minimal single-process host for grain tests until the runtime's TestSiloHost is merged: activation
/// on first call, one request at a time per activation, state kept as JSON (so state types must round-trip),
/// reminders fired when the fake clock is advanced, and <see cref="RestartAsync"/> to drop every activation.
/// </summary>
public sealed class GrainHarness : IGrainFactory
{
    private static readonly MethodInfo SetContext = typeof(Grain).GetProperty(nameof(Grain.GrainContext))!.GetSetMethod(nonPublic: true)!;
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly ConcurrentDictionary<(GrainId, string), string> _store = new();
    private readonly ConcurrentDictionary<(GrainId Grain, string Name), DateTimeOffset> _reminders = new();
    private readonly Dictionary<Type, Type> _classes;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
    public IServiceProvider Services { get; }
    public RecordingStreamProvider Streams { get; } = new();

    public GrainHarness(IDictionary<string, string?>? configuration = null, Action<IServiceCollection>? configure = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        configure?.Invoke(services);
        new Builder(services, config).AddMarketplaceGrains(config);
        Services = services.BuildServiceProvider();
        _classes = typeof(MarketplaceOptions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t))
            .SelectMany(t => t.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain) && i != typeof(IGrainWithStringKey) && i != typeof(IRemindable)).Select(i => (i, t)))
            .ToDictionary(p => p.i, p => p.t);
    }

    public T GetGrain<T>(string primaryKey) where T : IGrainWithStringKey =>
        GetGrain<T>(new GrainId(_classes[typeof(T)].Name, primaryKey));

    public T GetGrain<T>(GrainId grainId) where T : IGrain
    {
        var proxy = DispatchProxy.Create<T, GrainProxy>();
        ((GrainProxy)(object)proxy!).Bind(this, grainId, _classes[typeof(T)]);
        return proxy;
    }

    /// <summary>Moves the clock and delivers every reminder now due, as the reminder service would.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        foreach (var ((grainId, name), due) in _reminders.ToArray())
        {
            if (due > Time.GetUtcNow() || !_reminders.ContainsKey((grainId, name))) continue;
            var activation = GetActivation(grainId, ClassOf(grainId));
            await activation.RunAsync(g => ((IRemindable)g).ReceiveReminder(name, new TickStatus(due, TimeSpan.FromMinutes(1), Time.GetUtcNow())));
            if (_reminders.TryGetValue((grainId, name), out var still) && still == due) _reminders[(grainId, name)] = due + TimeSpan.FromMinutes(1);
        }
    }

    public bool HasReminder(GrainId grainId, string name) => _reminders.ContainsKey((grainId, name));

    /// <summary>Drops every activation (as a process restart would): state and reminders stay in the "store".</summary>
    public void Restart() => _activations.Clear();

    private Type ClassOf(GrainId id) => _classes.Values.First(c => c.Name == id.Type);

    internal Activation GetActivation(GrainId id, Type grainClass) => _activations.GetOrAdd(id, _ => new Activation(this, id, grainClass));

    private sealed class Builder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
    {
        public IServiceCollection Services => services;
        public IConfiguration Configuration => configuration;
    }

    public class GrainProxy : DispatchProxy
    {
        private GrainHarness _host = null!;
        private Type _class = null!;
        public GrainId Id { get; private set; }

        internal void Bind(GrainHarness host, GrainId id, Type grainClass) => (_host, Id, _class) = (host, id, grainClass);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            var activation = _host.GetActivation(Id, _class);
            if (method!.ReturnType == typeof(Task))
                return activation.RunAsync(g => (Task)method.Invoke(g, args)!);
            var resultType = method.ReturnType.GetGenericArguments()[0];
            return typeof(Activation).GetMethod(nameof(Activation.CallAsync))!.MakeGenericMethod(resultType)
                .Invoke(activation, [new Func<object, Task>(g => (Task)method.Invoke(g, args)!)]);
        }
    }

    internal sealed class Activation : IGrainContext
    {
        private readonly SemaphoreSlim _turn = new(1, 1);
        private readonly GrainHarness _host;
        private readonly Lazy<Task<Grain>> _grain;

        public Activation(GrainHarness host, GrainId id, Type grainClass)
        {
            _host = host;
            GrainId = id;
            _grain = new Lazy<Task<Grain>>(() => CreateAsync(grainClass));
        }

        public GrainId GrainId { get; }
        public IServiceProvider ActivationServices => _host.Services;
        public IGrainFactory GrainFactory => _host;

        public async Task<T> CallAsync<T>(Func<object, Task> call)
        {
            T result = default!;
            await RunAsync(async g => { var task = call(g); await task; result = (T)task.GetType().GetProperty("Result")!.GetValue(task)!; });
            return result;
        }

        public async Task RunAsync(Func<object, Task> call)
        {
            var grain = await _grain.Value;
            await _turn.WaitAsync();
            try { await Task.Run(() => call(grain)); }
            finally { _turn.Release(); }
        }

        private async Task<Grain> CreateAsync(Type grainClass)
        {
            var ctor = grainClass.GetConstructors().Single();
            var states = new List<Func<Task>>();
            var args = ctor.GetParameters().Select(p =>
            {
                if (p.GetCustomAttribute<PersistentStateAttribute>() is { } attribute)
                {
                    var stateType = p.ParameterType.GetGenericArguments()[0];
                    var state = Activator.CreateInstance(typeof(JsonState<>).MakeGenericType(stateType), _host, GrainId, attribute.StateName)!;
                    states.Add(() => (Task)state.GetType().GetMethod("ReadStateAsync")!.Invoke(state, null)!);
                    return state;
                }
                return ActivationServices.GetRequiredService(p.ParameterType);
            }).ToArray();
            var grain = (Grain)ctor.Invoke(args);
            SetContext.Invoke(grain, [this]);
            foreach (var read in states) await read();
            await grain.OnActivateAsync(CancellationToken.None);
            return grain;
        }

        public void DeactivateOnIdle() => _host._activations.TryRemove(GrainId, out _);
        public void DelayDeactivation(TimeSpan timeSpan) { }
        public IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) => throw new NotSupportedException();

        public Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        {
            _host._reminders[(GrainId, reminderName)] = _host.Time.GetUtcNow() + dueTime;
            return Task.FromResult<IGrainReminder>(new Reminder(reminderName));
        }

        public Task UnregisterReminder(IGrainReminder reminder)
        {
            _host._reminders.TryRemove((GrainId, reminder.ReminderName), out _);
            return Task.CompletedTask;
        }

        public Task<IGrainReminder?> GetReminder(string reminderName) =>
            Task.FromResult<IGrainReminder?>(_host._reminders.ContainsKey((GrainId, reminderName)) ? new Reminder(reminderName) : null);

        public IStreamProvider GetStreamProvider(string name) => name == _host.Streams.Name ? _host.Streams : throw new KeyNotFoundException($"No stream provider '{name}'.");
    }

    private sealed record Reminder(string ReminderName) : IGrainReminder;

    /// <summary>State stored as JSON, read back on activation: catches state types that would not survive a real store.</summary>
    public sealed class JsonState<T>(GrainHarness host, GrainId id, string name) : IPersistentState<T> where T : new()
    {
        public T State { get; set; } = new();
        public string? Etag { get; private set; }
        public bool RecordExists { get; private set; }

        public Task ReadStateAsync()
        {
            RecordExists = host._store.TryGetValue((id, name), out var json);
            State = RecordExists ? JsonSerializer.Deserialize<T>(json!)! : new T();
            return Task.CompletedTask;
        }

        public Task WriteStateAsync()
        {
            host._store[(id, name)] = JsonSerializer.Serialize(State);
            RecordExists = true;
            Etag = Guid.NewGuid().ToString("N");
            return Task.CompletedTask;
        }

        public Task ClearStateAsync()
        {
            host._store.TryRemove((id, name), out _);
            State = new T();
            RecordExists = false;
            return Task.CompletedTask;
        }
    }
}

/// <summary>Records what grains publish, in order, per stream; can be told to refuse the next publishes (an outage).</summary>
public sealed class RecordingStreamProvider : IStreamProvider
{
    private readonly List<(StreamId Stream, object Item)> _published = [];
    private int _failuresLeft;
    public string Name => Marketplace.Grains.Interfaces.Analytics.MarketStreams.ProviderName;

    /// <summary>The next <paramref name="count"/> publishes throw (and record nothing).</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    /// <summary>Publishes refused so far since the last <see cref="FailNext"/> are those not left.</summary>
    public int FailuresLeft => Volatile.Read(ref _failuresLeft);

    public IReadOnlyList<T> Published<T>() { lock (_published) return [.. _published.Select(p => p.Item).OfType<T>()]; }

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new Stream<T>(this, streamId);

    private sealed class Stream<T>(RecordingStreamProvider owner, StreamId id) : IAsyncStream<T>
    {
        public StreamId StreamId => id;
        public Task OnNextAsync(T item, StreamSequenceToken? token = null)
        {
            if (Interlocked.Decrement(ref owner._failuresLeft) >= 0) throw new IOException($"Stream provider unavailable (test): {id}");
            Interlocked.Increment(ref owner._failuresLeft); // went below zero: undo, no failure pending
            lock (owner._published) owner._published.Add((id, item!));
            return Task.CompletedTask;
        }
        public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer) => throw new NotSupportedException();
        public Task<IReadOnlyList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles() => throw new NotSupportedException();
    }
}

public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
