using Orleans.Reminders;
using Orleans.Streams;

namespace Marketplace.Gateway.Demo;

/// <summary>
/// The grains' clock while the demo market is generated (dev mode with <c>--demo-data</c> only): real time
/// shifted by an offset the loader moves. It starts <c>history</c> in the past; the loader moves it forward
/// through the simulated days (never backwards), then <see cref="JoinRealTime"/> sets the offset to 0 for good.
/// While it is behind, a grain call the loader makes can carry its own simulated instant in the Orleans
/// <see cref="RequestContext"/> (<see cref="At"/>; it flows to the grains that call calls), so the steps of one
/// simulated day run in parallel and each still happens at its own minute. Only <see cref="GetUtcNow"/> is
/// shifted: timestamps and timers stay real, so a timer still waits what it says.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly Lock _gate = new();
    private long _offsetTicks;

    public DemoClock(TimeProvider real, TimeSpan history)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(history, TimeSpan.Zero);
        _real = real;
        _offsetTicks = -history.Ticks;
    }

    /// <summary>How far behind real time the clock is now (zero once it joined real time).</summary>
    public TimeSpan Behind => TimeSpan.FromTicks(-Volatile.Read(ref _offsetTicks));

    public bool HasJoinedRealTime => Volatile.Read(ref _offsetTicks) == 0;

    /// <summary>The <see cref="RequestContext"/> key of a call's simulated instant (UTC ticks).</summary>
    public const string RequestContextKey = "mp.demo.now";

    public override DateTimeOffset GetUtcNow()
    {
        var offset = Volatile.Read(ref _offsetTicks);
        if (offset == 0) return _real.GetUtcNow();
        return RequestContext.Get(RequestContextKey) is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : _real.GetUtcNow().AddTicks(offset);
    }

    /// <summary>Runs <paramref name="call"/> (grain calls) with "now" = <paramref name="simulated"/> for the grains it reaches.</summary>
    public static async Task<T> At<T>(DateTimeOffset simulated, Func<Task<T>> call)
    {
        RequestContext.Set(RequestContextKey, simulated.UtcTicks);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(RequestContextKey);
        }
    }

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;
    public override long TimestampFrequency => _real.TimestampFrequency;
    public override long GetTimestamp() => _real.GetTimestamp();
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves "now" forward to <paramref name="simulatedNow"/> (never past real time, never backwards).</summary>
    public void MoveTo(DateTimeOffset simulatedNow)
    {
        lock (_gate)
        {
            var real = _real.GetUtcNow();
            var offset = Math.Min(0, (simulatedNow - real).Ticks);
            if (offset > _offsetTicks) Volatile.Write(ref _offsetTicks, offset);
        }
    }

    /// <summary>Real time from now on.</summary>
    public void JoinRealTime()
    {
        lock (_gate) Volatile.Write(ref _offsetTicks, 0);
    }

    /// <summary>
    /// Makes <paramref name="clock"/> the grains' <see cref="TimeProvider"/> (they take the unkeyed one) while every
    /// Orleans area (membership, messaging, activation collection, grain timers, reminders, streams) stays on real
    /// time: Orleans resolves those as keyed services that default to the unkeyed provider, so each is pinned here.
    /// Reminders therefore fire on real time: see <see cref="DemoDataLoader"/> for what that means for deadlines.
    /// </summary>
    public static void Register(IServiceCollection services, DemoClock clock)
    {
        services.AddSingleton(clock);
        // Registered after AddMarketplaceGrains' TryAdd(TimeProvider.System): the last registration wins.
        services.AddSingleton<TimeProvider>(clock);
        var real = TimeProvider.System;
        services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, real);
        foreach (var area in OrleansTimeAreas) services.AddKeyedSingleton<TimeProvider>(area, real);
    }

    /// <summary>The keyed time areas of the Orleans packages the gateway hosts.</summary>
    public static IReadOnlyList<string> OrleansTimeAreas { get; } =
    [
        Orleans.Runtime.TimeProviderNames.Grains,
        Orleans.Runtime.TimeProviderNames.Messaging,
        Orleans.Runtime.TimeProviderNames.SystemTimers,
        Orleans.Runtime.TimeProviderNames.Membership,
        Orleans.Runtime.TimeProviderNames.ActivationManagement,
        Orleans.Runtime.TimeProviderNames.GrainDirectory,
        ReminderTimeProviderNames.Reminders,
        StreamingTimeProviderNames.Streaming,
    ];
}
