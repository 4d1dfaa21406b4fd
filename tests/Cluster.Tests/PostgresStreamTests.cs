using Marketplace.Runtime;
using Marketplace.Runtime.Cluster.Placement;
using Marketplace.Runtime.Cluster.Testing;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Streams;
using Marketplace.Runtime.Streams.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Cluster.Tests;

/// <summary>The durable PostgreSQL stream provider across silos (env MARKETPLACE_TEST_POSTGRES); each test has its own provider name.</summary>
public sealed class PostgresStreamTests
{
    private const int Partitions = 6;

    private static Task<TestCluster> StartAsync(int silos, string provider) =>
        TestCluster.StartAsync(silos, (cluster, silo) =>
        {
            silo.AddGrains(typeof(CounterGrain).Assembly);
            silo.Services.AddSingleton(new TickLog());
            cluster.UseSharedStorage(silo);
            silo.AddPostgresStreams(provider, o =>
            {
                o.ConnectionString = PostgresMembershipTableTests.ConnectionString;
                o.PartitionCount = Partitions;
                o.MaxDeliveryAttempts = 2;
                o.PollInterval = TimeSpan.FromMilliseconds(50);
            });
        });

    private static Task PublishAsync(TestCluster cluster, string provider, string key, ValueEvent value, int silo = 0) =>
        cluster.Silos[silo].Services.GetStreamProvider(provider).GetStream<ValueEvent>(StreamId.Create(StreamConsumerGrain.Namespace, key)).OnNextAsync(value);

    private static async Task<ConsumerState> ConsumerAsync(TestCluster cluster, string key) =>
        await Eventually.Succeeds(() => cluster.LiveSilos.First().GrainFactory.GetGrain<IStreamConsumerGrain>(key).GetAsync());

    [Fact]
    public async Task Events_reach_each_consumer_once_in_order_on_its_own_silo_and_partitions_move_when_a_silo_dies()
    {
        var provider = "pg-" + Guid.NewGuid().ToString("N")[..8];
        await using var cluster = await StartAsync(3, provider);
        var keys = Enumerable.Range(0, 8).Select(i => $"s{i}").ToArray();
        for (var value = 1; value <= 5; value++)
            foreach (var key in keys) await PublishAsync(cluster, provider, key, new ValueEvent(value), silo: value % 3);

        foreach (var key in keys)
        {
            await Eventually.True(() => ConsumerAsync(cluster, key).Result.Values.Count == 5, $"{key} received five events");
            var state = await ConsumerAsync(cluster, key);
            Assert.Equal([1, 2, 3, 4, 5], state.Values);
            // Applied on the silo placement names, whichever silo pulled the partition.
            var owner = cluster.Silos[0].OwnerOf(new GrainId("streamconsumer", key))!.ToString();
            Assert.All(state.Silos, s => Assert.Equal(owner, s));
        }

        // The partitions of the killed silo move to the survivors: events published afterwards still arrive.
        // A silo other than the publishing silo 0 that pulls some partition (ports are random, so either may pull none).
        int[] PartitionsOf(TestClusterSilo silo) => Enumerable.Range(0, Partitions)
            .Where(p => RendezvousHash.PickOwner(silo.View.ActiveSilos, $"stream/{provider}/{p}") == silo.Address).ToArray();
        var victim = cluster.Silos.Skip(1).FirstOrDefault(s => PartitionsOf(s).Length > 0);
        Assert.NotNull(victim);
        await victim.KillAsync();
        await cluster.WaitForConvergenceAsync();
        foreach (var key in keys) await PublishAsync(cluster, provider, key, new ValueEvent(6));
        foreach (var key in keys)
        {
            await Eventually.True(() => ConsumerAsync(cluster, key).Result.Values.Count == 6, $"{key} received the event published after the kill");
            Assert.Equal([1, 2, 3, 4, 5, 6], (await ConsumerAsync(cluster, key)).Values);
        }
    }

    [Fact]
    public async Task An_event_that_keeps_failing_goes_to_dead_letters_and_the_stream_moves_on()
    {
        var provider = "pg-" + Guid.NewGuid().ToString("N")[..8];
        await using var cluster = await StartAsync(2, provider);
        await PublishAsync(cluster, provider, "p1", new ValueEvent(1));
        await PublishAsync(cluster, provider, "p1", new ValueEvent(2, Poison: true));
        await PublishAsync(cluster, provider, "p1", new ValueEvent(3));

        await Eventually.True(() => ConsumerAsync(cluster, "p1").Result.Values.Count == 2, "the events around the poison one are applied");
        Assert.Equal([1, 3], (await ConsumerAsync(cluster, "p1")).Values);

        await using var connection = new NpgsqlConnection(PostgresMembershipTableTests.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT sequence, attempts, error FROM stream_dead_letters WHERE provider = @p", connection);
        command.Parameters.AddWithValue("p", provider);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(2, reader.GetInt64(0));
        Assert.Equal(2, reader.GetInt32(1));
        Assert.Contains("poison value 2", reader.GetString(2));
        Assert.False(await reader.ReadAsync());
    }
}
