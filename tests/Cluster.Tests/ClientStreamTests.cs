using System.Collections.Concurrent;
using Marketplace.Runtime.Cluster.Hosting;
using Marketplace.Runtime.Cluster.Testing;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Streams;
using Marketplace.Runtime.Streams.Postgres;
using Marketplace.Runtime.Streams.Postgres.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Marketplace.Cluster.Tests;

public sealed record BigEvent(string Text);

/// <summary>A cluster client subscribes to the silos' durable PostgreSQL streams (LISTEN/NOTIFY); env MARKETPLACE_TEST_POSTGRES.</summary>
public sealed class ClientStreamTests
{
    private static string NewProvider() => "pgc-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<IHost> StartClientAsync(string provider, TestCluster? cluster = null, string? applicationName = null)
    {
        var connectionString = PostgresMembershipTableTests.ConnectionString + (applicationName is null ? "" : $";Application Name={applicationName}");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:MembershipTable"] = "Memory" });
        builder.UseClusterClient(client =>
        {
            if (cluster is not null) client.UseMembershipTable(cluster.Table);
            client.AddGrainTypes(typeof(CounterGrain).Assembly)
                .AddPostgresStreams(provider, o => o.ConnectionString = connectionString);
        });
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.WaitUntilListeningAsync(provider).WaitAsync(TimeSpan.FromSeconds(30));
        return host;
    }

    [Fact]
    public async Task A_client_receives_the_events_silos_produce_in_order_with_their_tokens_until_it_unsubscribes()
    {
        var provider = NewProvider();
        await using var cluster = await TestCluster.StartAsync(2, (c, silo) =>
        {
            silo.AddGrains(typeof(CounterGrain).Assembly);
            silo.Services.AddSingleton(new TickLog());
            c.UseSharedStorage(silo);
            silo.AddPostgresStreams(provider, o => { o.ConnectionString = PostgresMembershipTableTests.ConnectionString; o.PollInterval = TimeSpan.FromMilliseconds(50); });
        });
        using var client = await StartClientAsync(provider, cluster);
        var stream = StreamId.Create(StreamConsumerGrain.Namespace, "client-" + provider);
        var received = new Collector<ValueEvent>();
        var handle = await client.Services.GetStreamProvider(provider).GetStream<ValueEvent>(stream).SubscribeAsync(received);

        for (var value = 1; value <= 5; value++)
            await cluster.Silos[value % 2].Services.GetStreamProvider(provider).GetStream<ValueEvent>(stream).OnNextAsync(new ValueEvent(value));

        await Eventually.True(() => received.Items.Count == 5, "the client received five events");
        Assert.Equal([1, 2, 3, 4, 5], received.Items.Select(i => i.Item.Value));
        Assert.Equal([1L, 2, 3, 4, 5], received.Items.Select(i => i.Token!.SequenceNumber));
        // The silos' own delivery (the implicitly subscribed grain) is unaffected by the client listening.
        var consumer = cluster.Silos[0].GrainFactory.GetGrain<IStreamConsumerGrain>(stream.Key);
        await Eventually.True(() => consumer.GetAsync().Result.Values.Count == 5, "the consumer grain received five events");

        await handle.UnsubscribeAsync();
        await cluster.Silos[0].Services.GetStreamProvider(provider).GetStream<ValueEvent>(stream).OnNextAsync(new ValueEvent(6));
        await Eventually.True(() => consumer.GetAsync().Result.Values.Count == 6, "the consumer grain received the sixth event");
        // The notification of event 6 was committed before the grain applied it; give dispatch a moment anyway.
        await Task.Delay(300);
        Assert.Equal(5, received.Items.Count);
    }

    [Fact]
    public async Task An_event_too_large_for_a_notification_is_read_from_its_row_and_order_holds()
    {
        var provider = NewProvider();
        using var producer = await StartClientAsync(provider);
        using var subscriber = await StartClientAsync(provider);
        var stream = StreamId.Create("client-big", provider);
        var received = new Collector<BigEvent>();
        var ignored = new Collector<ValueEvent>();
        await subscriber.Services.GetStreamProvider(provider).GetStream<BigEvent>(stream).SubscribeAsync(received);
        await subscriber.Services.GetStreamProvider(provider).GetStream<ValueEvent>(stream).SubscribeAsync(ignored);

        var big = new string('x', 20_000) + "é\"end";
        var producing = producer.Services.GetStreamProvider(provider).GetStream<BigEvent>(stream);
        await producing.OnNextAsync(new BigEvent(big));
        await producing.OnNextAsync(new BigEvent("small"));

        await Eventually.True(() => received.Items.Count == 2, "the subscriber received both events");
        Assert.Equal([big, "small"], received.Items.Select(i => i.Item.Text));
        Assert.Empty(ignored.Items); // observers only get events of their item type
        Assert.Empty(received.Errors);
    }

    [Fact]
    public async Task When_the_listening_connection_breaks_observers_are_told_events_may_be_missed_and_later_events_arrive()
    {
        var provider = NewProvider();
        var application = "listener-" + provider;
        using var producer = await StartClientAsync(provider);
        using var subscriber = await StartClientAsync(provider, applicationName: application);
        var stream = StreamId.Create("client-gap", provider);
        var received = new Collector<ValueEvent>();
        await subscriber.Services.GetStreamProvider(provider).GetStream<ValueEvent>(stream).SubscribeAsync(received);
        var producing = producer.Services.GetStreamProvider(provider).GetStream<ValueEvent>(stream);
        await producing.OnNextAsync(new ValueEvent(1));
        await Eventually.True(() => received.Items.Count == 1, "the first event arrived");

        await using (var connection = new NpgsqlConnection(PostgresMembershipTableTests.ConnectionString))
        {
            await connection.OpenAsync();
            await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @app", connection);
            terminate.Parameters.AddWithValue("app", application);
            Assert.Equal(1L, await terminate.ExecuteScalarAsync());
        }

        await Eventually.True(() => received.Errors.Any(e => e is StreamEventsMissedException m && m.StreamId == stream), "the observer heard that events may have been missed");
        // Listening again (the gap was reported after the new LISTEN): later events arrive.
        await producing.OnNextAsync(new ValueEvent(2));
        await Eventually.True(() => received.Items.Count == 2, "an event after the reconnection arrived");
        Assert.Equal([1, 2], received.Items.Select(i => i.Item.Value));
    }

    private sealed class Collector<T> : IAsyncObserver<T>
    {
        private readonly ConcurrentQueue<(T Item, StreamSequenceToken? Token)> _items = new();
        public IReadOnlyList<(T Item, StreamSequenceToken? Token)> Items => _items.ToArray();
        public ConcurrentQueue<Exception> Errors { get; } = new();

        public Task OnNextAsync(T item, StreamSequenceToken? token = null)
        {
            _items.Enqueue((item, token));
            return Task.CompletedTask;
        }

        public Task OnErrorAsync(Exception ex)
        {
            Errors.Enqueue(ex);
            return Task.CompletedTask;
        }
    }
}
