using System.Collections.Concurrent;
using Marketplace.Runtime.Streams;
using Marketplace.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Runtime.Tests.Streams;

public sealed class MemoryStreamTests
{
    private static Task<Marketplace.Runtime.Testing.TestSiloHost> StartAsync() =>
        Silo.StartAsync(configure: silo => silo.AddMemoryStreams("prices", o => o.PartitionCount = 2));

    [Fact]
    public async Task Non_grain_subscriber_gets_every_event_in_order_with_increasing_tokens()
    {
        await using var silo = await StartAsync();
        var stream = silo.Services.GetStreamProvider("prices").GetStream<PriceChanged>(StreamId.Create("other-ns", "lamp"));
        var received = new ConcurrentQueue<(decimal, long)>();
        await stream.SubscribeAsync(new CallbackObserver<PriceChanged>((e, token) =>
        {
            received.Enqueue((e.Price, token!.SequenceNumber));
            return Task.CompletedTask;
        }));

        for (var i = 1; i <= 200; i++) await stream.OnNextAsync(new PriceChanged("lamp", i));

        await Eventually.True(() => received.Count == 200, "all events arrived");
        Assert.Equal(Enumerable.Range(1, 200).Select(i => ((decimal)i, (long)i)), received.ToArray());
    }

    [Fact]
    public async Task Streams_keep_their_own_order_when_produced_concurrently()
    {
        await using var silo = await StartAsync();
        var provider = silo.Services.GetStreamProvider("prices");
        var received = new ConcurrentDictionary<string, ConcurrentQueue<decimal>>();
        var keys = Enumerable.Range(0, 8).Select(i => $"s{i}").ToArray();
        foreach (var key in keys)
        {
            var queue = received.GetOrAdd(key, _ => new ConcurrentQueue<decimal>());
            await provider.GetStream<PriceChanged>(StreamId.Create("other-ns", key))
                .SubscribeAsync(new CallbackObserver<PriceChanged>((e, _) => { queue.Enqueue(e.Price); return Task.CompletedTask; }));
        }

        await Task.WhenAll(keys.Select(async key =>
        {
            var stream = provider.GetStream<PriceChanged>(StreamId.Create("other-ns", key));
            for (var i = 1; i <= 50; i++) await stream.OnNextAsync(new PriceChanged(key, i));
        }));

        await Eventually.True(() => received.Values.All(q => q.Count == 50), "every stream delivered");
        foreach (var key in keys) Assert.Equal(Enumerable.Range(1, 50).Select(i => (decimal)i), received[key].ToArray());
    }

    [Fact]
    public async Task A_slow_grain_stream_does_not_hold_up_other_streams_of_its_batch_and_keeps_its_order()
    {
        var gate = new DeliveryGate();
        await using var silo = await Silo.StartAsync(s => s.AddSingleton(gate), silo => silo.AddMemoryStreams("prices", o => o.PartitionCount = 1));
        var provider = silo.Services.GetStreamProvider("prices");
        var holder = provider.GetStream<PriceChanged>(StreamId.Create("slow-prices", "holder"));
        var stalled = provider.GetStream<PriceChanged>(StreamId.Create("slow-prices", "stalled"));
        var free = provider.GetStream<PriceChanged>(StreamId.Create("slow-prices", "free"));

        async Task WaitForAsync(ISlowConsumerGrain consumer, string because)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while ((await consumer.Received()).Count < 3)
            {
                Assert.True(DateTime.UtcNow < deadline, because);
                await Task.Delay(20);
            }
        }
        try
        {
            // The agent awaits a whole batch before reading the next, so a stalled stream holds back
            // events read after it. Holding the agent on a batch of its own while both streams are
            // produced makes them one batch, instead of depending on when the agent happens to read.
            await holder.OnNextAsync(new PriceChanged("holder", 1));
            await gate.HolderEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            for (var i = 1; i <= 3; i++) await stalled.OnNextAsync(new PriceChanged("stalled", i));
            for (var i = 1; i <= 3; i++) await free.OnNextAsync(new PriceChanged("free", i));
            gate.ReleaseHolder.SetResult();

            var freeConsumer = silo.GrainFactory.GetGrain<ISlowConsumerGrain>("free");
            await WaitForAsync(freeConsumer, "the other stream was delivered meanwhile");
            gate.Open.SetResult();
            var stalledConsumer = silo.GrainFactory.GetGrain<ISlowConsumerGrain>("stalled");
            await WaitForAsync(stalledConsumer, "the stalled stream was delivered once opened");
            Assert.Equal([1m, 2m, 3m], await stalledConsumer.Received());
            Assert.Equal([1m, 2m, 3m], await freeConsumer.Received());
        }
        finally
        {
            // A stalled delivery left waiting would keep the silo from stopping: the test would hang instead of failing.
            gate.OpenAll();
        }
    }

    [Fact]
    public async Task A_delivery_that_never_ends_does_not_keep_the_silo_from_stopping_past_the_shutdown_timeout()
    {
        var gate = new DeliveryGate();
        var silo = await Silo.StartAsync(
            s => s.AddSingleton(gate).Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(300)),
            silo => silo.AddMemoryStreams("prices", o => o.PartitionCount = 1));
        try
        {
            await silo.Services.GetStreamProvider("prices").GetStream<PriceChanged>(StreamId.Create("slow-prices", "holder"))
                .OnNextAsync(new PriceChanged("holder", 1));
            await gate.HolderEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));

            var stopping = silo.StopAsync();
            var finished = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(30)));

            Assert.Same(stopping, finished); // the stop gave up on the pulling agent at the host's timeout
            await stopping;
        }
        finally
        {
            gate.OpenAll();
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Grain_subscriber_receives_events_as_turns_until_it_unsubscribes()
    {
        await using var silo = await StartAsync();
        var watcher = silo.GrainFactory.GetGrain<IPriceWatcherGrain>("w");
        await watcher.Watch("chair");
        var stream = silo.Services.GetStreamProvider("prices").GetStream<PriceChanged>(StreamId.Create("prices", "chair"));

        for (var i = 1; i <= 30; i++) await stream.OnNextAsync(new PriceChanged("chair", i));
        await Eventually.True(() => watcher.Seen().Result.Count == 30, "the watcher saw all prices");
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (decimal)i), await watcher.Seen());
        Assert.False(await watcher.OverlapSeen());

        await watcher.StopWatching();
        await stream.OnNextAsync(new PriceChanged("chair", 99));
        // The implicit subscriber of the same stream proves the event was delivered before we look.
        var history = silo.GrainFactory.GetGrain<IItemHistoryGrain>("chair");
        await Eventually.True(() => history.History().Result.Count == 31, "the implicit subscriber got the last event");
        Assert.Equal(30, (await watcher.Seen()).Count);
    }

    [Fact]
    public async Task Implicit_subscription_activates_the_grain_with_the_stream_key_and_delivers_in_order()
    {
        await using var silo = await StartAsync();
        var events = silo.Services.GetRequiredService<GrainEvents>();
        var stream = silo.Services.GetStreamProvider("prices").GetStream<PriceChanged>(StreamId.Create("prices", "sofa"));

        for (var i = 1; i <= 40; i++) await stream.OnNextAsync(new PriceChanged("sofa", i * 10));

        var history = silo.GrainFactory.GetGrain<IItemHistoryGrain>("sofa");
        await Eventually.True(() => history.History().Result.Count == 40, "the implicit subscriber got every event");
        Assert.Equal(Enumerable.Range(1, 40).Select(i => ((decimal)(i * 10), (long)i)), await history.History());
        Assert.Equal(1, events.Count("subscribed sofa prices/sofa"));
        Assert.Empty(await silo.GrainFactory.GetGrain<IItemHistoryGrain>("other").History());
    }

    [Fact]
    public async Task Unknown_stream_provider_gives_a_clear_error()
    {
        await using var silo = await Silo.StartAsync();
        var error = Assert.Throws<InvalidOperationException>(() => silo.Services.GetStreamProvider("nope"));
        Assert.Contains("nope", error.Message);
    }
}
