using Marketplace.Runtime.Testing;
using Marketplace.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Tests.Timers;

public interface ITickingGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);
    Task<int> Ticks();
    Task StopTimer();
    Task Deactivate();
}

public sealed class TickingGrain(GrainEvents events) : Grain, ITickingGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private bool _inTick;

    public Task Start(TimeSpan period)
    {
        _timer = RegisterGrainTimer(async _ =>
        {
            if (_inTick) throw new InvalidOperationException("ticks overlapped");
            _inTick = true;
            await Task.Yield();
            _ticks++;
            events.Add($"tick {this.GetPrimaryKeyString()} {_ticks}");
            _inTick = false;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public Task StopTimer()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        events.Add($"deactivate {this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }
}

public sealed class GrainTimerTests
{
    [Fact]
    public async Task Timer_ticks_as_turns_on_fake_time_and_stops_when_the_activation_deactivates()
    {
        var time = new ManualTimeProvider();
        await using var silo = await Silo.StartAsync(s => s.AddSingleton<TimeProvider>(time));
        var events = silo.Services.GetRequiredService<GrainEvents>();
        var grain = silo.GrainFactory.GetGrain<ITickingGrain>("t");
        await grain.Start(TimeSpan.FromSeconds(10));

        Assert.Equal(0, await grain.Ticks());
        for (var tick = 1; tick <= 3; tick++)
        {
            // The next tick is armed when the previous one finished its turn.
            await silo.WaitForQuietActivationsAsync();
            time.Advance(TimeSpan.FromSeconds(10));
            var expected = $"tick t {tick}";
            await Eventually.True(() => events.Has(expected), expected);
        }
        Assert.Equal(3, await grain.Ticks());

        var timersBefore = time.ActiveTimerCount;
        await grain.Deactivate();
        await Eventually.True(() => events.Has("deactivate t"), "the grain deactivated");
        Assert.Equal(timersBefore - 1, time.ActiveTimerCount);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await grain.Ticks());
        Assert.False(events.Has("tick t 4"));
    }

    [Fact]
    public async Task Disposed_timer_stops_ticking()
    {
        var time = new ManualTimeProvider();
        await using var silo = await Silo.StartAsync(s => s.AddSingleton<TimeProvider>(time));
        var events = silo.Services.GetRequiredService<GrainEvents>();
        var grain = silo.GrainFactory.GetGrain<ITickingGrain>("d");
        await grain.Start(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => events.Has("tick d 1"), "the first tick");

        await grain.StopTimer();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(1, await grain.Ticks());
    }

    [Fact]
    public async Task Timer_ticks_do_not_keep_a_grain_from_idle_collection()
    {
        var time = new ManualTimeProvider();
        await using var silo = await Silo.StartAsync(s => s.AddSingleton<TimeProvider>(time));
        var events = silo.Services.GetRequiredService<GrainEvents>();
        await silo.GrainFactory.GetGrain<ITickingGrain>("idle").Start(TimeSpan.FromMinutes(5));

        for (var minute = 0; minute < 20 && !events.Has("deactivate idle"); minute++)
        {
            await silo.WaitForQuietActivationsAsync();
            time.Advance(TimeSpan.FromMinutes(1));
        }
        await Eventually.True(() => events.Has("deactivate idle"), "the grain was collected despite its timer");
    }
}
