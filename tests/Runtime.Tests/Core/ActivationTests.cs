using Marketplace.Runtime.Testing;
using Marketplace.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Tests.Core;

public sealed class ActivationTests
{
    [Fact]
    public async Task First_call_activates_the_grain_once_and_later_calls_reach_the_same_activation()
    {
        await using var silo = await Silo.StartAsync();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("a");

        Assert.Equal(1, await counter.Increment());
        Assert.Equal(2, await counter.Increment());
        Assert.Equal(2, await silo.GrainFactory.GetGrain<ICounterGrain>("a").Get());
        Assert.Equal(0, await silo.GrainFactory.GetGrain<ICounterGrain>("b").Get());

        var events = silo.Services.GetRequiredService<GrainEvents>();
        Assert.Equal(1, events.Count("activate a"));
        Assert.Equal(1, events.Count("activate b"));
    }

    [Fact]
    public async Task Records_travel_as_arguments_and_results_and_references_can_be_passed()
    {
        await using var silo = await Silo.StartAsync();
        var a = silo.GrainFactory.GetGrain<ICounterGrain>("a");
        var b = silo.GrainFactory.GetGrain<ICounterGrain>("b");

        Assert.Equal(new Greeting("hello you", 42), await a.Greet(new Greeting("you", 41)));
        Assert.Equal(1, await a.IncrementOther(b));
        Assert.Equal(1, await b.Get());
        Assert.Equal(0, await a.Get());
        await b.Reset();
        Assert.Equal(0, await b.Get());
    }

    [Fact]
    public async Task References_know_their_identity_and_compare_by_it()
    {
        await using var silo = await Silo.StartAsync();
        var first = silo.GrainFactory.GetGrain<ICounterGrain>("k");
        var second = silo.GrainFactory.GetGrain<ICounterGrain>("k");

        Assert.Equal(new GrainId("counter", "k"), first.GetGrainId());
        Assert.Equal("k", first.GetPrimaryKeyString());
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, silo.GrainFactory.GetGrain<ICounterGrain>("other"));
        Assert.Equal(typeof(ICounterGrain), ((IGrainReference)first).InterfaceType);
        var byId = silo.GrainFactory.GetGrain<ICounterGrain>(new GrainId("counter", "k"));
        Assert.Equal(first, byId);
    }

    [Fact]
    public async Task Grain_type_comes_from_the_attribute_when_present()
    {
        await using var silo = await Silo.StartAsync();
        Assert.Equal("named-explicitly/x", await silo.GrainFactory.GetGrain<IExplicitlyNamedGrain>("x").Who());
    }

    [Fact]
    public async Task Exception_thrown_by_a_grain_method_reaches_the_caller_and_the_activation_keeps_serving()
    {
        await using var silo = await Silo.StartAsync();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("c");
        await counter.Increment();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => counter.Fail("boom"));
        Assert.Equal("boom", error.Message);

        Assert.Equal(2, await counter.Increment());
        Assert.Equal(1, silo.Services.GetRequiredService<GrainEvents>().Count("activate c"));
    }

    [Fact]
    public async Task Failed_activation_fails_the_call_and_the_next_call_activates_again()
    {
        var failures = new FlakyActivationSwitch { FailuresLeft = 1 };
        await using var silo = await Silo.StartAsync(s => s.AddSingleton(failures));
        var grain = silo.GrainFactory.GetGrain<IFlakyActivationGrain>("f");

        var error = await Assert.ThrowsAsync<ApplicationException>(() => grain.Ping());
        Assert.Equal("activation refused", error.Message);
        Assert.Equal("pong", await grain.Ping());
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_request_and_the_next_call_gets_a_fresh_activation()
    {
        await using var silo = await Silo.StartAsync();
        var events = silo.Services.GetRequiredService<GrainEvents>();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("d");
        await counter.Increment();
        await counter.Increment();

        await counter.DeactivateSelf();
        await Eventually.True(() => events.Has("deactivate d ApplicationRequested"), "the grain deactivated");

        Assert.Equal(1, await counter.Increment());
        Assert.Equal(2, events.Count("activate d"));
    }

    [Fact]
    public async Task Idle_activations_are_collected_after_the_collection_age_on_the_fake_clock()
    {
        var time = new ManualTimeProvider();
        await using var silo = await Silo.StartAsync(s => s.AddSingleton<TimeProvider>(time));
        var events = silo.Services.GetRequiredService<GrainEvents>();
        var idle = silo.GrainFactory.GetGrain<ICounterGrain>("idle");
        var busy = silo.GrainFactory.GetGrain<ICounterGrain>("busy");
        await idle.Increment();
        await busy.Increment();
        await silo.WaitForQuietActivationsAsync();

        time.Advance(TimeSpan.FromMinutes(10));
        await busy.Increment();
        await silo.WaitForQuietActivationsAsync();
        Assert.False(events.Has("deactivate idle IdleCollection"));

        // Default age 15 min, quantum 1 min: idle is 16 min idle, busy only 6.
        time.Advance(TimeSpan.FromMinutes(6));
        await Eventually.True(() => events.Has("deactivate idle IdleCollection"), "the idle grain was collected");
        Assert.False(events.Has("deactivate busy IdleCollection"));

        Assert.Equal(1, await idle.Increment());
        Assert.Equal(3, await busy.Increment());
    }

    [Fact]
    public async Task DelayDeactivation_keeps_an_idle_activation_past_the_collection_age()
    {
        var time = new ManualTimeProvider();
        await using var silo = await Silo.StartAsync(s => s.AddSingleton<TimeProvider>(time));
        var events = silo.Services.GetRequiredService<GrainEvents>();
        var kept = silo.GrainFactory.GetGrain<ICounterGrain>("kept");
        await kept.Increment();
        await kept.KeepAlive(TimeSpan.FromMinutes(30));
        await silo.WaitForQuietActivationsAsync();

        time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(2, await kept.Increment());
        await silo.WaitForQuietActivationsAsync();
        time.Advance(TimeSpan.FromMinutes(31));
        await Eventually.True(() => events.Has("deactivate kept IdleCollection"), "the grain was collected after the delay");
    }

    [Fact]
    public async Task Stopping_the_silo_deactivates_every_activation()
    {
        var silo = await Silo.StartAsync();
        var events = silo.Services.GetRequiredService<GrainEvents>();
        await silo.GrainFactory.GetGrain<ICounterGrain>("x").Increment();
        await silo.GrainFactory.GetGrain<ICounterGrain>("y").Increment();

        await silo.StopAsync();

        Assert.True(events.Has("deactivate x ShuttingDown"));
        Assert.True(events.Has("deactivate y ShuttingDown"));
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task Unknown_interface_gives_a_clear_error()
    {
        await using var silo = await Silo.StartAsync();
        var error = Assert.Throws<GrainTypeNotFoundException>(() => silo.GrainFactory.GetGrain<INotImplemented>("x"));
        Assert.Contains(nameof(INotImplemented), error.Message);
    }

    public interface INotImplemented : IGrainWithStringKey
    {
        Task Nothing();
    }
}
