namespace Marketplace.Runtime.Testing;

/// <summary>
/// A clock that only moves when told to. Timers created with <see cref="CreateTimer"/> fire, in due
/// order, on the thread that calls <see cref="Advance"/>; timestamps follow the same clock.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object _sync = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync) return _now;
    }

    /// <summary>Timers created here that are armed (not disposed, not one-shots already fired).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_sync) return _timers.Count;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way (periodic ones repeatedly).</summary>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delta), delta, "Time only moves forward.");
        DateTimeOffset target;
        lock (_sync) target = _now + delta;

        while (true)
        {
            ManualTimer? next;
            lock (_sync)
            {
                next = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    _now = target;
                    return;
                }
                if (next.DueAt > _now) _now = next.DueAt;
                next.DueAt = next.Period == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : _now + next.Period;
                if (next.DueAt == DateTimeOffset.MaxValue) _timers.Remove(next);
            }
            next.Fire();
        }
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        var delta = value - GetUtcNow();
        Advance(delta < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), value, "Time only moves forward.") : delta);
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; } = DateTimeOffset.MaxValue;
        public TimeSpan Period { get; private set; } = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._sync)
            {
                if (_disposed) return false;
                owner._timers.Remove(this);
                Period = period <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    DueAt = DateTimeOffset.MaxValue;
                    return true;
                }
                DueAt = owner._now + dueTime;
                owner._timers.Add(this);
                return true;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._sync)
            {
                _disposed = true;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
