using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Testing;
using Marketplace.Runtime.Tests.Persistence;
using Marketplace.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Tests.Reminders;

/// <summary>Outlives silo restarts in the test (registered as the same instance each time).</summary>
public sealed class ReminderLog
{
    private readonly Lock _gate = new();
    private readonly List<(string GrainKey, string Name, TickStatus Status)> _ticks = [];
    public IReadOnlyList<(string GrainKey, string Name, TickStatus Status)> Ticks { get { lock (_gate) return _ticks.ToList(); } }
    public void Add(string grainKey, string name, TickStatus status) { lock (_gate) _ticks.Add((grainKey, name, status)); }
}

public interface IDeadlineGrain : IGrainWithStringKey
{
    Task Arm(TimeSpan dueTime, TimeSpan period);
}

[GrainType("storage-e2e-deadline")]
public sealed class DeadlineGrain(ReminderLog log) : Grain, IDeadlineGrain, IRemindable
{
    public Task Arm(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder("deadline", dueTime, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Add(this.GetPrimaryKeyString(), reminderName, status);
        return Task.CompletedTask;
    }
}

public sealed class EndToEndReminderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2030, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly ManualTimeProvider _time = new(T0);
    private readonly ReminderLog _log = new();

    private Task<TestSiloHost> StartSilo() => Silo.StartAsync(
        services: s => s.AddSingleton<TimeProvider>(_time).AddSingleton(_log),
        configure: s => s.UseSqliteReminders(o => o.Path = _folder.File("reminders.db")));

    [Fact]
    public async Task A_grain_reminder_fires_through_the_runtime_when_due()
    {
        await using var silo = await StartSilo();
        await silo.GrainFactory.GetGrain<IDeadlineGrain>("order-1").Arm(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(_log.Ticks);
        _time.Advance(TimeSpan.FromMinutes(6));

        await NudgeUntil(() => _log.Ticks.Count >= 1, "the reminder fired");
        var tick = _log.Ticks[0];
        Assert.Equal(("order-1", "deadline"), (tick.GrainKey, tick.Name));
        Assert.Equal(T0.AddMinutes(10), tick.Status.CurrentTickTime);
    }

    [Fact]
    public async Task A_reminder_due_while_the_silo_was_down_fires_after_restart()
    {
        var silo = await StartSilo();
        await silo.GrainFactory.GetGrain<IDeadlineGrain>("order-2").Arm(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));
        await silo.DisposeAsync();
        Assert.Empty(_log.Ticks);

        _time.Advance(TimeSpan.FromMinutes(30)); // nothing runs: the silo is down

        await using var restarted = await StartSilo();
        await NudgeUntil(() => _log.Ticks.Count >= 1, "the missed reminder fired after restart");
        Assert.Single(_log.Ticks);
        Assert.Equal(T0.AddMinutes(10), _log.Ticks[0].Status.CurrentTickTime);
        Assert.Equal("order-2", _log.Ticks[0].GrainKey);
    }

    /// <summary>
    /// The service's poll loop re-arms its delay on the manual clock after each pass; nudging the clock by
    /// seconds (far below the reminder period) lets a pass run whatever thread ordering the machine picks.
    /// </summary>
    private async Task NudgeUntil(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {because}.");
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }
    }

    public void Dispose() => _folder.Dispose();
}
