namespace Marketplace.Runtime.Tests.Reminders;

/// <summary>A clock the test moves by hand; the service under test only reads it (its loop is not started).</summary>
public sealed class SettableTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }
    public void Advance(TimeSpan by) { lock (_gate) _now += by; }
}

public sealed record ReminderCall(GrainId GrainId, string ReminderName, TickStatus Status);

/// <summary>Stands in for the grain runtime: every IRemindable reference records its calls; a grain can be told to fail.</summary>
public sealed class RecordingGrainFactory : IGrainFactory
{
    private readonly Lock _gate = new();
    private readonly List<ReminderCall> _calls = [];
    private readonly Dictionary<GrainId, int> _failuresLeft = new();

    public IReadOnlyList<ReminderCall> Calls { get { lock (_gate) return _calls.ToList(); } }

    public void FailNext(GrainId grainId, int times) { lock (_gate) _failuresLeft[grainId] = times; }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey =>
        throw new NotSupportedException("reminders address grains by id");

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain =>
        (TGrainInterface)(object)new Remindable(this, grainId);

    private Task Receive(GrainId grainId, string name, TickStatus status)
    {
        lock (_gate)
        {
            _calls.Add(new ReminderCall(grainId, name, status));
            if (_failuresLeft.TryGetValue(grainId, out var left) && left > 0)
            {
                _failuresLeft[grainId] = left - 1;
                throw new InvalidOperationException($"grain {grainId} failed on purpose");
            }
        }
        return Task.CompletedTask;
    }

    private sealed class Remindable(RecordingGrainFactory owner, GrainId grainId) : IRemindable
    {
        public Task ReceiveReminder(string reminderName, TickStatus status) => owner.Receive(grainId, reminderName, status);
    }
}
