using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Runtime;
using Orleans.Streams;
using Xunit.Abstractions;

namespace Marketplace.Persistence.Tests.Streams;

/// <summary>Nothing an OnNextAsync acknowledged is lost when silos die or the consuming side is down.</summary>
[Collection(StreamTestsCollection.Name)]
public sealed class PostgresStreamFailoverTests(PostgresTestDatabase db, ITestOutputHelper output)
    : IClassFixture<PostgresTestDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [PostgresFact]
    public async Task Events_held_by_a_killed_silo_and_events_published_during_the_kill_are_all_delivered_in_order()
    {
        StreamProbe.Reset();
        await using var cluster = await StreamTestCluster.StartAsync(StreamTestCluster.Configuration(db.ConnectionString,
            new Dictionary<string, string?> { ["Streams:Postgres:MaxEventDeliveryTime"] = "00:05:00" }));
        var keys = Enumerable.Range(0, 16).Select(i => $"item-c-{i}").ToArray();
        var acknowledged = new ConcurrentDictionary<string, long>();

        // 1. Consumers refuse everything: the first 10 versions of every key are enqueued, read by the pulling
        //    agents of both silos, and retried there, but not delivered.
        StreamProbe.HoldAll = true;
        foreach (var key in keys)
        {
            await cluster.Client.GetGrain<ITestProducerGrain>("producer-" + key).PublishRange(key, 1, 10);
            acknowledged[key] = 10;
        }
        await StreamProbe.WaitUntil(() => StreamProbe.DeliveryCount >= keys.Length, Patience, () => "agents did not read the events");
        var leased = await db.ScalarAsync("SELECT count(*) FROM orleans_stream_messages WHERE dequeued > 0");
        var waiting = await db.ScalarAsync("SELECT count(*) FROM orleans_stream_messages");

        // 2. Publishers keep going (one event per call, so every acknowledged version is known) while the
        //    second silo is killed without a graceful shutdown.
        var publishers = keys.Select(key => Task.Run(async () =>
        {
            for (var version = 11L; version <= 30; version++)
            {
                while (true)
                {
                    try
                    {
                        await cluster.Client.GetGrain<ITestProducerGrain>("producer-" + key)
                            .Publish(TestProducerGrain.MakeEvent(key, version));
                        acknowledged[key] = version;
                        break;
                    }
                    catch (Exception)
                    {
                        await Task.Delay(200); // not acknowledged: publish the same version again
                    }
                }
                await Task.Delay(50);
            }
        })).ToArray();
        await Task.Delay(300);
        var victim = cluster.Silos[1];
        var watch = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);
        var stillLeased = await db.ScalarAsync(
            "SELECT count(*) FROM orleans_stream_messages WHERE visible_on > (clock_timestamp() AT TIME ZONE 'UTC')::timestamp");
        output.WriteLine($"killed {victim.SiloAddress} with {waiting} events waiting ({leased} read by agents); " +
                         $"{stillLeased} still leased right after the kill");
        await Task.Delay(1000);
        StreamProbe.HoldAll = false;
        await Task.WhenAll(publishers);
        output.WriteLine($"publishers had every version acknowledged {watch.Elapsed.TotalSeconds:F1} s after the kill");

        // 3. Every acknowledged version arrives, first deliveries in version order per key.
        await StreamProbe.WaitUntil(() => keys.All(k => StreamProbe.Applied(k).Count >= acknowledged[k]), Patience,
            () => string.Join("; ", keys.Where(k => StreamProbe.Applied(k).Count < acknowledged[k])
                .Select(k => $"{k}: {StreamProbe.Applied(k).Count}/{acknowledged[k]}")));
        output.WriteLine($"all {acknowledged.Values.Sum()} acknowledged events applied {watch.Elapsed.TotalSeconds:F1} s after the kill; " +
                         $"{StreamProbe.DeliveryCount} deliveries in all");
        foreach (var key in keys)
        {
            var applied = StreamProbe.Applied(key);
            Assert.Equal(Enumerable.Range(1, applied.Count).Select(v => (long)v), applied);
            Assert.True(applied.Count >= acknowledged[key]);
        }
    }

    [PostgresFact]
    public async Task Events_published_while_every_silo_is_down_are_delivered_when_silos_come_back()
    {
        StreamProbe.Reset();
        var configuration = StreamTestCluster.Configuration(db.ConnectionString);
        await using var cluster = await StreamTestCluster.StartAsync(configuration);
        var keys = Enumerable.Range(0, 8).Select(i => $"item-d-{i}").ToArray();
        foreach (var key in keys)
            await cluster.Client.GetGrain<ITestProducerGrain>("producer-" + key).PublishRange(key, 1, 5);
        await StreamProbe.WaitUntil(() => StreamProbe.AppliedCount == keys.Length * 5, Patience, () => "first round");

        // The consuming side goes away (graceful stops: agents hand back what they read).
        foreach (var silo in cluster.Silos.ToArray())
            await cluster.StopSiloAsync(silo);

        // Rows of the first round may still wait for their deletion; with no silo left nothing deletes them now.
        var leftOver = await db.ScalarAsync("SELECT count(*) FROM orleans_stream_messages");
        // The client host writes to the queue table directly: publishing needs no silo.
        var provider = cluster.Client.GetStreamProvider(StreamNames.Provider);
        foreach (var key in keys)
        {
            var stream = provider.GetStream<TestMarketEvent>(StreamId.Create(StreamNames.MarketNamespace, key));
            for (var version = 6; version <= 15; version++)
                await stream.OnNextAsync(TestProducerGrain.MakeEvent(key, version));
        }
        Assert.Equal(leftOver + keys.Length * 10, await db.ScalarAsync("SELECT count(*) FROM orleans_stream_messages"));
        Assert.Equal(keys.Length * 5, StreamProbe.AppliedCount);

        await cluster.StartSilosAsync(2);
        await StreamProbe.WaitUntil(() => StreamProbe.AppliedCount == keys.Length * 15, Patience,
            () => $"{StreamProbe.AppliedCount} of {keys.Length * 15} applied");
        foreach (var key in keys)
            Assert.Equal(Enumerable.Range(1, 15).Select(v => (long)v), StreamProbe.Applied(key));
    }
}
