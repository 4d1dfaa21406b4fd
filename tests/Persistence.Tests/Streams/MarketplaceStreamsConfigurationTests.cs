using Marketplace.Persistence.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Marketplace.Persistence.Tests.Streams;

[Collection(StreamTestsCollection.Name)] // the memory test uses the shared probe
public sealed class MarketplaceStreamsConfigurationTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static Exception BuildSilo(IConfiguration configuration) => Assert.ThrowsAny<Exception>(() =>
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddMarketplaceStreams("Market", configuration));
    });

    [Fact]
    public void An_unknown_provider_is_refused_with_the_setting_named()
    {
        var error = BuildSilo(Config(("Streams:Provider", "Kafka")));
        Assert.Contains("Streams:Provider", error.Message);
        Assert.Contains("Kafka", error.Message);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_with_the_setting_named()
    {
        var error = BuildSilo(Config(("Streams:Provider", "Postgres")));
        Assert.Contains("ConnectionStrings:Postgres", error.Message);
        error = Assert.ThrowsAny<Exception>(() =>
            new HostApplicationBuilder().UseOrleansClient(c => c.AddMarketplaceStreams("Market", Config())));
        Assert.Contains("ConnectionStrings:Postgres", error.Message);
    }

    [Fact]
    public void Options_bind_from_Streams_Postgres_and_bad_values_are_refused()
    {
        var options = MarketplaceStreamsExtensions.ReadPostgresOptions(Config(
            ("Streams:Postgres:PartitionCount", "16"), ("Streams:Postgres:PollingPeriod", "00:00:00.250"),
            ("Streams:Postgres:VisibilityTimeout", "00:02:00"), ("Streams:Postgres:MaxAttempts", "3"),
            ("Streams:Postgres:PubSubStore", "memory")));
        Assert.Equal(16, options.PartitionCount);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.PollingPeriod);
        Assert.Equal(TimeSpan.FromMinutes(2), options.VisibilityTimeout);
        Assert.Equal(3, options.MaxAttempts);
        var error = Assert.Throws<InvalidOperationException>(() =>
            MarketplaceStreamsExtensions.ReadPostgresOptions(Config(("Streams:Postgres:PartitionCount", "0"))));
        Assert.Contains("Streams:Postgres:PartitionCount", error.Message);
        error = Assert.Throws<InvalidOperationException>(() =>
            MarketplaceStreamsExtensions.ReadPostgresOptions(Config(("Streams:Postgres:PubSubStore", "Redis"))));
        Assert.Contains("PubSubStore", error.Message);
    }

    [Fact]
    public async Task Memory_provider_in_one_process_delivers_to_implicit_subscribers_in_order()
    {
        StreamProbe.Reset();
        await using var cluster = await StreamTestCluster.StartAsync(StreamTestCluster.Configuration(connectionString: null), silos: 1);
        await cluster.Client.GetGrain<ITestProducerGrain>("producer-memory").PublishRange("item-memory", 1, 20);
        await StreamProbe.WaitUntil(() => StreamProbe.Applied("item-memory").Count == 20, TimeSpan.FromSeconds(30), () => "memory stream");
        Assert.Equal(Enumerable.Range(1, 20).Select(v => (long)v), StreamProbe.Applied("item-memory"));
    }
}
