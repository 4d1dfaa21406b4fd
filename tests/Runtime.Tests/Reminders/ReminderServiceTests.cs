using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Reminders;
using Marketplace.Runtime.Reminders.Tables;
using Marketplace.Runtime.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Tests.Reminders;

public sealed class ReminderServiceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SettableTimeProvider _time = new(T0);
    private readonly RecordingGrainFactory _grains = new();
    private readonly TempFolder _folder = new();
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>A "process": its own service provider over the given table registration.</summary>
    private ReminderService StartSilo(Action<ISiloBuilder> useTable, IReminderOwnership? ownership = null)
    {
        var silo = new TestSiloBuilder();
        silo.Services.AddSingleton<TimeProvider>(_time);
        silo.Services.AddSingleton<IGrainFactory>(_grains);
        if (ownership is not null) silo.Services.AddSingleton(ownership);
        useTable(silo);
        var provider = silo.Build();
        _providers.Add(provider);
        return provider.GetRequiredService<ReminderService>();
    }

    private ReminderService StartSqliteSilo() => StartSilo(s => s.UseSqliteReminders(o => o.Path = _folder.File("reminders.db")));

    private static async Task Pass(ReminderService service)
    {
        await service.RefreshAsync();
        await service.DeliverDueRemindersAsync();
    }

    [Fact]
    public async Task A_period_below_the_minimum_is_rejected_with_a_clear_error_and_nothing_is_stored()
    {
        var service = StartSilo(s => s.UseMemoryReminders());
        var grain = TestStates.NewGrain("escrow");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            service.RegisterOrUpdateReminder(grain, "deadline", TimeSpan.Zero, TimeSpan.FromSeconds(30)));

        Assert.Contains("MinimumPeriod", error.Message);
        Assert.Null(await service.GetReminder(grain, "deadline"));
    }

    [Fact]
    public async Task The_minimum_period_is_configurable()
    {
        var service = StartSilo(s => s.UseMemoryReminders(o => o.MinimumPeriod = TimeSpan.FromMilliseconds(100)));
        var grain = TestStates.NewGrain("escrow");

        await service.RegisterOrUpdateReminder(grain, "fast", TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

        Assert.Equal("fast", (await service.GetReminder(grain, "fast"))!.ReminderName);
    }

    [Fact]
    public async Task A_reminder_fires_when_due_once_per_tick_with_its_tick_status()
    {
        var service = StartSilo(s => s.UseMemoryReminders());
        var grain = TestStates.NewGrain("escrow");
        await service.RegisterOrUpdateReminder(grain, "deadline", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));

        _time.Advance(TimeSpan.FromSeconds(9));
        await service.DeliverDueRemindersAsync();
        Assert.Empty(_grains.Calls);

        _time.Advance(TimeSpan.FromSeconds(1));
        await service.DeliverDueRemindersAsync();
        await service.DeliverDueRemindersAsync();
        var first = Assert.Single(_grains.Calls);
        Assert.Equal(new ReminderCall(grain, "deadline", new TickStatus(T0.AddSeconds(10), TimeSpan.FromMinutes(1), T0.AddSeconds(10))), first);

        _time.Advance(TimeSpan.FromMinutes(1));
        await service.DeliverDueRemindersAsync();
        Assert.Equal(2, _grains.Calls.Count);
        Assert.Equal(T0.AddSeconds(70), _grains.Calls[1].Status.CurrentTickTime);
    }

    [Fact]
    public async Task A_reminder_that_fell_due_while_the_process_was_down_fires_after_restart_once()
    {
        var grain = TestStates.NewGrain("escrow");
        var before = StartSqliteSilo();
        await before.RegisterOrUpdateReminder(grain, "deadline", TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        await before.StopAsync(CancellationToken.None);

        // Down for 2.5 hours: the first tick and the next two fell due meanwhile.
        _time.Advance(TimeSpan.FromMinutes(150));
        var after = StartSqliteSilo();
        await after.StartAsync(CancellationToken.None);
        await after.DeliverDueRemindersAsync();
        await after.DeliverDueRemindersAsync();

        var call = Assert.Single(_grains.Calls);
        Assert.Equal(T0.AddMinutes(5), call.Status.FirstTickTime);
        Assert.Equal(T0.AddMinutes(125), call.Status.CurrentTickTime);

        // The delivered tick is recorded: another restart before the next tick does not repeat it.
        var third = StartSqliteSilo();
        await Pass(third);
        Assert.Single(_grains.Calls);
        _time.Advance(TimeSpan.FromHours(1));
        await Pass(third);
        Assert.Equal(T0.AddMinutes(185), _grains.Calls[^1].Status.CurrentTickTime);
    }

    [Fact]
    public async Task A_failing_delivery_is_retried_at_the_next_tick_and_not_recorded()
    {
        var grain = TestStates.NewGrain("escrow");
        var service = StartSqliteSilo();
        await service.RegisterOrUpdateReminder(grain, "deadline", TimeSpan.Zero, TimeSpan.FromMinutes(1));
        _grains.FailNext(grain, 1);

        await service.DeliverDueRemindersAsync();
        Assert.Single(_grains.Calls);
        await service.DeliverDueRemindersAsync();
        Assert.Single(_grains.Calls); // no hot retry loop before the next tick

        // A restart right after the failure delivers the missed tick, since it was never recorded.
        var restarted = StartSqliteSilo();
        await Pass(restarted);
        Assert.Equal(2, _grains.Calls.Count);
        Assert.Equal(T0, _grains.Calls[1].Status.CurrentTickTime);

        _time.Advance(TimeSpan.FromMinutes(1));
        await service.DeliverDueRemindersAsync();
        Assert.Equal(3, _grains.Calls.Count);
        Assert.Equal(T0.AddMinutes(1), _grains.Calls[2].Status.CurrentTickTime);
    }

    [Fact]
    public async Task An_unregistered_reminder_stops_firing_and_is_gone_from_the_table()
    {
        var grain = TestStates.NewGrain("escrow");
        var service = StartSqliteSilo();
        var reminder = await service.RegisterOrUpdateReminder(grain, "deadline", TimeSpan.Zero, TimeSpan.FromMinutes(1));
        await service.DeliverDueRemindersAsync();

        await service.UnregisterReminder(grain, reminder.ReminderName);
        _time.Advance(TimeSpan.FromMinutes(5));
        await Pass(service);

        Assert.Single(_grains.Calls);
        Assert.Null(await StartSqliteSilo().GetReminder(grain, "deadline"));
    }

    [Fact]
    public async Task Re_registering_replaces_the_schedule()
    {
        var grain = TestStates.NewGrain("escrow");
        var service = StartSilo(s => s.UseMemoryReminders());
        await service.RegisterOrUpdateReminder(grain, "deadline", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await service.RegisterOrUpdateReminder(grain, "deadline", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5));

        _time.Advance(TimeSpan.FromMinutes(2));
        await Pass(service);
        Assert.Empty(_grains.Calls);

        _time.Advance(TimeSpan.FromMinutes(8));
        await Pass(service);
        Assert.Equal(T0.AddMinutes(10), Assert.Single(_grains.Calls).Status.CurrentTickTime);
    }

    [Fact]
    public async Task A_silo_ticks_only_the_hash_ranges_it_owns()
    {
        var table = new MemoryReminderTable();
        var grains = Enumerable.Range(0, 20).Select(_ => TestStates.NewGrain("escrow")).ToList();
        var lowHalf = new FixedOwnership(new ReminderHashRange(0, uint.MaxValue / 2));
        var service = StartSilo(s => s.UseReminderTable(_ => table), lowHalf);
        foreach (var grain in grains) await service.RegisterOrUpdateReminder(grain, "r", TimeSpan.Zero, TimeSpan.FromMinutes(1));

        await Pass(service);

        var expected = grains.Where(g => ReminderHash.Of(g) <= uint.MaxValue / 2).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, _grains.Calls.Select(c => c.GrainId).ToHashSet());
        Assert.Equal(expected.Count, _grains.Calls.Count);

        // Ownership moves (a silo died): the next refresh picks the other half up.
        lowHalf.Range = ReminderHashRange.Full;
        await Pass(service);
        Assert.Equal(grains.ToHashSet(), _grains.Calls.Select(c => c.GrainId).ToHashSet());
    }

    [Fact]
    public async Task The_hosted_loop_keeps_firing_on_its_own()
    {
        var silo = new TestSiloBuilder();
        silo.Services.AddSingleton<IGrainFactory>(_grains);
        silo.UseMemoryReminders(o =>
        {
            o.MinimumPeriod = TimeSpan.FromMilliseconds(100);
            o.PollInterval = TimeSpan.FromMilliseconds(20);
        });
        await using var provider = silo.Build();
        var service = provider.GetRequiredService<ReminderService>();
        var grain = TestStates.NewGrain("escrow");
        await service.StartAsync(CancellationToken.None);
        await service.StartedAsync(CancellationToken.None);
        await service.RegisterOrUpdateReminder(grain, "heartbeat", TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_grains.Calls.Count < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);
        await service.StopAsync(CancellationToken.None);

        Assert.True(_grains.Calls.Count >= 3, $"only {_grains.Calls.Count} ticks delivered in 30 s");
        Assert.All(_grains.Calls, c => Assert.Equal(grain, c.GrainId));
    }

    private sealed class FixedOwnership(ReminderHashRange range) : IReminderOwnership
    {
        public ReminderHashRange Range { get; set; } = range;
        public IReadOnlyList<ReminderHashRange> GetOwnedRanges() => [Range];
    }

    public void Dispose()
    {
        foreach (var provider in _providers) provider.Dispose();
        _folder.Dispose();
    }
}
