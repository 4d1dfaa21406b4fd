using Marketplace.Persistence.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;

namespace Marketplace.Persistence.Streams;

/// <summary>
/// Registers a stream provider from configuration, the same way on silos and on cluster clients (the gateway).
/// <c>Streams:Provider</c>: <c>Postgres</c> (the default: durable, for a cluster; needs
/// <c>ConnectionStrings:Postgres</c> and the tables of deploy/sql/postgres/05-streaming.sql) or <c>Memory</c>
/// (one process: Orleans memory streams, nothing survives a restart).
/// </summary>
public static class MarketplaceStreamsExtensions
{
    public const string ProviderKey = "Streams:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Postgres";
    public const string PubSubStoreName = "PubSubStore";

    /// <summary>Adds stream provider <paramref name="name"/> to a silo, with the pub-sub store explicit
    /// subscriptions need. <paramref name="oneProcess"/>: without a configured provider, memory streams
    /// (the dev gateway's co-hosted silo) instead of PostgreSQL.</summary>
    public static ISiloBuilder AddMarketplaceStreams(this ISiloBuilder silo, string name, IConfiguration configuration, bool oneProcess = false)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        switch (ReadProvider(configuration, oneProcess ? StreamProviderKind.Memory : StreamProviderKind.Postgres))
        {
            case StreamProviderKind.Memory:
                silo.AddMemoryStreams(name);
                if (!HasGrainStorage(silo.Services, PubSubStoreName))
                    silo.AddMemoryGrainStorage(PubSubStoreName);
                return silo;
            default:
                var connectionString = ReadConnectionString(configuration);
                var options = ReadPostgresOptions(configuration);
                silo.AddAdoNetStreams(name, stream =>
                {
                    stream.ConfigureAdoNet(o => o.Configure(ado => Apply(ado, options, connectionString)));
                    stream.ConfigurePartitioning(options.PartitionCount);
                    stream.ConfigureCache(options.CacheSize);
                    stream.ConfigurePullingAgent(o => o.Configure(agent =>
                    {
                        agent.GetQueueMsgsTimerPeriod = options.PollingPeriod;
                        agent.MaxEventDeliveryTime = options.MaxEventDeliveryTime;
                    }));
                    var backoff = new RedeliveryBackoff(options.RedeliveryDelay, options.MaxRedeliveryDelay);
                    stream.ConfigureBackoffProvider((_, _) => backoff);
                });
                AddPubSubStore(silo, options, connectionString);
                silo.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<StreamBacklogMetrics>(sp, name, connectionString, options));
                return silo;
        }
    }

    /// <summary>Adds stream provider <paramref name="name"/> to a cluster client: it can publish, and subscribe
    /// explicitly (the silos' pulling agents deliver to its observers).</summary>
    public static IClientBuilder AddMarketplaceStreams(this IClientBuilder client, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        switch (ReadProvider(configuration, StreamProviderKind.Postgres))
        {
            case StreamProviderKind.Memory:
                client.AddMemoryStreams(name);
                return client;
            default:
                var connectionString = ReadConnectionString(configuration);
                var options = ReadPostgresOptions(configuration);
                client.AddAdoNetStreams(name, stream =>
                {
                    stream.ConfigureAdoNet(o => o.Configure(ado => Apply(ado, options, connectionString)));
                    stream.ConfigurePartitioning(options.PartitionCount);
                    stream.ConfigureCache(options.CacheSize);
                });
                return client;
        }
    }

    private enum StreamProviderKind { Memory, Postgres }

    private static StreamProviderKind ReadProvider(IConfiguration configuration, StreamProviderKind fallback)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (value.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
            return StreamProviderKind.Postgres;
        if (value.Equals("Memory", StringComparison.OrdinalIgnoreCase))
            return StreamProviderKind.Memory;
        throw new InvalidOperationException(
            $"Unknown {ProviderKey} '{value}': use 'Postgres' (durable, for a cluster) or 'Memory' (one process).");
    }

    private static string ReadConnectionString(IConfiguration configuration)
    {
        var value = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException(
                $"{ProviderKey}=Postgres needs the PostgreSQL connection string in {ConnectionStringKey} " +
                $"(environment: ConnectionStrings__Postgres), or set {ProviderKey}=Memory for a single process.");
        return value;
    }

    internal static PostgresStreamOptions ReadPostgresOptions(IConfiguration configuration)
    {
        var options = new PostgresStreamOptions();
        configuration.GetSection(PostgresStreamOptions.SectionName).Bind(options);
        options.Validate();
        return options;
    }

    private static void Apply(AdoNetStreamOptions ado, PostgresStreamOptions options, string connectionString)
    {
        ado.Invariant = ConnectionStrings.PostgresInvariant;
        ado.ConnectionString = connectionString;
        ado.MaxAttempts = options.MaxAttempts;
        ado.VisibilityTimeout = options.VisibilityTimeout;
        ado.ExpiryTimeout = options.ExpiryTimeout;
        ado.DeadLetterEvictionTimeout = options.DeadLetterRetention;
        ado.EvictionInterval = options.EvictionInterval;
        ado.EvictionBatchSize = options.EvictionBatchSize;
    }

    private static void AddPubSubStore(ISiloBuilder silo, PostgresStreamOptions options, string connectionString)
    {
        if (HasGrainStorage(silo.Services, PubSubStoreName))
            return;
        switch (options.PubSubStore.Trim().ToLowerInvariant())
        {
            case "postgres":
                silo.AddAdoNetGrainStorage(PubSubStoreName, o =>
                {
                    o.Invariant = ConnectionStrings.PostgresInvariant;
                    o.ConnectionString = connectionString;
                });
                break;
            case "memory":
                silo.AddMemoryGrainStorage(PubSubStoreName);
                break;
            default: // "external": the host registers its own
                break;
        }
    }

    private static bool HasGrainStorage(IServiceCollection services, string name) =>
        services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name));

    /// <summary>Pause before the pulling agent delivers again to a consumer that threw: doubling from the first
    /// delay to the cap.</summary>
    private sealed class RedeliveryBackoff(TimeSpan first, TimeSpan max) : Orleans.Runtime.Providers.IMessageDeliveryBackoffProvider
    {
        public TimeSpan Next(int attempt)
        {
            var factor = Math.Pow(2, Math.Clamp(attempt, 0, 20));
            var delay = first * factor;
            return delay > max ? max : delay;
        }
    }
}
