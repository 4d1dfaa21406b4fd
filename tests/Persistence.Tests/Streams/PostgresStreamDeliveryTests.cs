using System.Diagnostics;
using Orleans.Runtime;
using Orleans.Streams;
using Xunit.Abstractions;

namespace Marketplace.Persistence.Tests.Streams;

[CollectionDefinition(Name)]
public sealed class StreamTestsCollection { public const string Name = "streams (shared probe)"; }

/// <summary>The "Market" provider on PostgreSQL (Orleans.Streaming.AdoNet with our 05-streaming.sql) in a
/// cluster of two in-process silos and a separate client host.</summary>
[Collection(StreamTestsCollection.Name)]
public sealed class PostgresStreamDeliveryTests(PostgresTestDatabase db, ITestOutputHelper output)
    : IClassFixture<PostgresTestDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [PostgresFact]
    public async Task Events_published_by_grains_reach_the_implicit_subscribers_in_order_per_key()
    {
        StreamProbe.Reset();
        await using var cluster = await StreamTestCluster.StartAsync(StreamTestCluster.Configuration(db.ConnectionString));
        var keys = Enumerable.Range(0, 20).Select(i => $"item-a-{i}").ToArray();
        const int versions = 25;

        await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<ITestProducerGrain>("producer-" + k).PublishRange(k, 1, versions)));

        await StreamProbe.WaitUntil(() => keys.All(k => StreamProbe.Applied(k).Count == versions), Patience,
            () => $"{StreamProbe.AppliedCount} of {keys.Length * versions} applied");
        var expected = Enumerable.Range(1, versions).Select(v => (long)v).ToArray();
        foreach (var key in keys)
        {
            Assert.Equal(expected, StreamProbe.Applied(key));
            Assert.Equal(expected, StreamProbe.Deliveries(key)); // in order and, in a healthy cluster, once each
        }
        await WaitForEmptyQueue(cluster);
        Assert.Equal(0, await db.ScalarAsync(
            $"SELECT count(*) FROM orleans_stream_dead_letters WHERE service_id = '{cluster.Options.ServiceId}'"));
    }

    [PostgresFact]
    public async Task A_consumer_that_throws_gets_the_event_again_and_later_events_wait_for_it()
    {
        StreamProbe.Reset();
        await using var cluster = await StreamTestCluster.StartAsync(StreamTestCluster.Configuration(db.ConnectionString));
        StreamProbe.FailTimes("item-b-1", 3, times: 2);
        var producer = cluster.Client.GetGrain<ITestProducerGrain>("producer-b");

        await producer.PublishRange("item-b-1", 1, 5);
        await producer.PublishRange("item-b-2", 1, 5);

        await StreamProbe.WaitUntil(() => StreamProbe.Applied("item-b-1").Count == 5 && StreamProbe.Applied("item-b-2").Count == 5,
            Patience, () => $"applied {string.Join(",", StreamProbe.Applied("item-b-1"))}");
        Assert.Equal(new long[] { 1, 2, 3, 3, 3, 4, 5 }, StreamProbe.Deliveries("item-b-1"));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, StreamProbe.Applied("item-b-1"));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, StreamProbe.Deliveries("item-b-2"));
        await WaitForEmptyQueue(cluster);
    }

    [PostgresFact]
    public async Task An_event_that_always_fails_ends_in_the_dead_letters_after_MaxAttempts_and_the_stream_goes_on()
    {
        StreamProbe.Reset();
        var configuration = StreamTestCluster.Configuration(db.ConnectionString, new Dictionary<string, string?>
        {
            ["Streams:Postgres:MaxEventDeliveryTime"] = "00:00:01",
            ["Streams:Postgres:MaxAttempts"] = "2",
        });
        await using var cluster = await StreamTestCluster.StartAsync(configuration);
        StreamProbe.FailTimes("item-poison", 2, times: int.MaxValue);
        var before = await db.ScalarAsync("SELECT count(*) FROM orleans_stream_dead_letters");

        await cluster.Client.GetGrain<ITestProducerGrain>("producer-poison").PublishRange("item-poison", 1, 3);

        await StreamProbe.WaitUntil(() => StreamProbe.Applied("item-poison").Count == 2, Patience,
            () => $"applied {string.Join(",", StreamProbe.Applied("item-poison"))}");
        var deadLetters = 0L;
        await StreamProbe.WaitUntil(() => (deadLetters = db.ScalarAsync("SELECT count(*) FROM orleans_stream_dead_letters").Result) > before,
            Patience, () => "no dead letter");
        Assert.Equal(new long[] { 1, 3 }, StreamProbe.Applied("item-poison"));
        Assert.True(StreamProbe.Deliveries("item-poison").Count(v => v == 2) >= 2);
        output.WriteLine($"poison event delivered {StreamProbe.Deliveries("item-poison").Count(v => v == 2)} times before it went to the dead letters");
    }

    [PostgresFact]
    public async Task A_separate_client_host_subscribed_explicitly_receives_stats_published_by_a_grain()
    {
        StreamProbe.Reset();
        await using var cluster = await StreamTestCluster.StartAsync(StreamTestCluster.Configuration(db.ConnectionString));
        var received = new List<TestStatsChanged>();
        var stream = cluster.Client.GetStreamProvider(StreamNames.Provider)
            .GetStream<TestStatsChanged>(StreamId.Create(StreamNames.StatsNamespace, "cat-phones"));
        var handle = await stream.SubscribeAsync((e, _) => { lock (received) received.Add(e); return Task.CompletedTask; });

        var producer = cluster.Client.GetGrain<ITestProducerGrain>("producer-stats");
        for (var revision = 1; revision <= 10; revision++)
            await producer.PublishStats("cat-phones", new TestStatsChanged("cat-phones", revision));
        await producer.PublishStats("cat-laptops", new TestStatsChanged("cat-laptops", 1)); // not subscribed

        await StreamProbe.WaitUntil(() => { lock (received) return received.Count >= 10; }, Patience,
            () => { lock (received) return $"{received.Count} of 10 received"; });
        lock (received)
            Assert.Equal(Enumerable.Range(1, 10).Select(r => (long)r), received.Select(e => e.Revision));
        Assert.DoesNotContain(received, e => e.Scope != "cat-phones");
        await handle.UnsubscribeAsync();
    }

    [PostgresFact]
    public async Task Throughput_sanity_2000_events_over_200_keys_all_arrive()
    {
        StreamProbe.Reset();
        await using var cluster = await StreamTestCluster.StartAsync(StreamTestCluster.Configuration(db.ConnectionString));
        var keys = Enumerable.Range(0, 200).Select(i => $"item-e-{i}").ToArray();
        const int versions = 10;
        var watch = Stopwatch.StartNew();

        await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<ITestProducerGrain>("producer-" + k).PublishRange(k, 1, versions)));
        var published = watch.Elapsed;
        await StreamProbe.WaitUntil(() => StreamProbe.AppliedCount == keys.Length * versions, TimeSpan.FromMinutes(3),
            () => $"{StreamProbe.AppliedCount} of {keys.Length * versions} applied");
        var delivered = watch.Elapsed;

        foreach (var key in keys)
            Assert.Equal(Enumerable.Range(1, versions).Select(v => (long)v), StreamProbe.Applied(key));
        var line = $"2,000 events over 200 keys, 2 silos, 4 queues: all published (acknowledged) in {published.TotalSeconds:F1} s, " +
                   $"all delivered in {delivered.TotalSeconds:F1} s ({2000 / delivered.TotalSeconds:F0} events/s end to end), " +
                   $"{StreamProbe.DeliveryCount - 2000} redeliveries";
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    // Rows of this cluster only: a test's cluster stops as soon as it saw its events, and the few rows its agents
    // had not confirmed yet stay behind (released) under that cluster's service id.
    private async Task WaitForEmptyQueue(Orleans.TestingHost.InProcessTestCluster cluster) =>
        await StreamProbe.WaitUntil(() => db.ScalarAsync(
                $"SELECT count(*) FROM orleans_stream_messages WHERE service_id = '{cluster.Options.ServiceId}'").Result == 0,
            Patience, () => "rows left in orleans_stream_messages");
}
