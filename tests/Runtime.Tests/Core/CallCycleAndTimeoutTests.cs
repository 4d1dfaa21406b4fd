using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Testing;
using Marketplace.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Tests.Core;

public sealed class CallCycleAndTimeoutTests
{
    [Fact]
    public async Task Call_cycle_between_non_reentrant_grains_fails_fast_naming_the_cycle()
    {
        await using var silo = await Silo.StartAsync();
        var a = silo.GrainFactory.GetGrain<IPingGrain>("A");

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.CallThrough(["B", "C", "A"]));

        Assert.Contains("ping/A -> ping/B -> ping/C -> ping/A", error.Message);
        Assert.Equal(["ping/A", "ping/B", "ping/C", "ping/A"], error.Cycle.Select(g => g.ToString()));
        Assert.Equal("hello from A", await a.Hello());
    }

    [Fact]
    public async Task Chains_without_a_cycle_complete()
    {
        await using var silo = await Silo.StartAsync();
        Assert.Equal("hello from D", await silo.GrainFactory.GetGrain<IPingGrain>("A").CallThrough(["B", "C", "D"]));
    }

    [Fact]
    public async Task Call_back_into_a_reentrant_grain_is_allowed()
    {
        await using var silo = await Silo.StartAsync();
        Assert.Equal("hello back", await silo.GrainFactory.GetGrain<IReentrantPingGrain>("R").CallBackThrough("bouncer"));
    }

    [Fact]
    public async Task Call_without_response_times_out_naming_grain_and_method()
    {
        var time = new ManualTimeProvider();
        await using var silo = await Silo.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(time);
            s.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        var gate = silo.Services.GetRequiredService<Gate>();
        var call = silo.GrainFactory.GetGrain<IPingGrain>("slow").Hang();
        await Eventually.True(() => gate.Inside == 1, "the call is running");

        time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(50);
        Assert.False(call.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Contains("ping/slow", error.Message);
        Assert.Contains("IPingGrain.Hang", error.Message);
        gate.Open();
    }
}
