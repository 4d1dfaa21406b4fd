using Marketplace.Runtime.Activation;
using Marketplace.Runtime.Cluster.Membership;
using Marketplace.Runtime.Cluster.Placement;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Metadata;
using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.AdoNet;
using Marketplace.Runtime.References;
using Marketplace.Runtime.Streams.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Streams.Postgres;

public sealed class PostgresStreamOptions
{
    public string? ConnectionString { get; set; }
    /// <summary>Partitions, each read by one pulling agent on the silo that owns it.</summary>
    public int PartitionCount { get; set; } = 8;
    public int BatchSize { get; set; } = 32;
    /// <summary>How long an agent waits when its partition is empty or owned elsewhere.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Failed deliveries of one event before it moves to dead letters.</summary>
    public int MaxDeliveryAttempts { get; set; } = 5;
    /// <summary>
    /// Announce every enqueued event with NOTIFY on commit, so cluster clients (the gateway) that
    /// subscribed to a stream receive it. Costs one notification per event; off when no client subscribes.
    /// </summary>
    public bool NotifyListeners { get; set; } = true;

    /// <summary>Throws when a setting cannot work (silos and cluster clients alike).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(ConnectionString))]
    internal void Validate(string parameterName)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString)) throw new ArgumentException("PostgresStreamOptions.ConnectionString is required.", parameterName);
        if (PartitionCount < 1 || BatchSize < 1 || MaxDeliveryAttempts < 1)
            throw new ArgumentOutOfRangeException(parameterName, "PartitionCount, BatchSize and MaxDeliveryAttempts must be at least 1.");
    }
}

public static class PostgresStreamingExtensions
{
    /// <summary>
    /// A durable stream provider on PostgreSQL under <paramref name="name"/>. In a cluster the
    /// partitions are balanced over the active silos by rendezvous hashing; alone, this silo reads them all.
    /// </summary>
    public static ISiloBuilder AddPostgresStreams(this ISiloBuilder silo, string name, Action<PostgresStreamOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = new PostgresStreamOptions();
        configure(options);
        options.Validate(nameof(configure));

        silo.Services.AddKeyedSingleton<IStreamProvider>(name, (sp, _) =>
        {
            var view = sp.GetService<ClusterMembershipView>();
            var local = sp.GetService<LocalSiloIdentity>();
            bool Owns(int partition) => view is null || local is null
                || (local.Silo is { } self && RendezvousHash.PickOwner(view.ActiveSilos, $"stream/{name}/{partition}") == self);
            var serializer = GrainStateSerializer.CreateDefaultOptions();
            serializer.Converters.Add(sp.GetRequiredService<GrainReferenceJsonConverter>());
            var store = AdoNetStore.ForPostgres(new PostgresStorageOptions { ConnectionString = options.ConnectionString }, PostgresQueueAdapter.Script);
            return new QueueStreamProvider(name,
                new PostgresQueueAdapter(name, store, options, Owns, serializer, sp.GetRequiredService<TimeProvider>()),
                options.BatchSize,
                sp.GetRequiredService<Catalog>(),
                sp.GetRequiredService<GrainTypeRegistry>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger($"Marketplace.Runtime.Streams.{name}"));
        });
        silo.Services.AddSingleton<IHostedService>(sp => new AgentsService((QueueStreamProvider)sp.GetRequiredKeyedService<IStreamProvider>(name)));
        return silo;
    }

    private sealed class AgentsService(QueueStreamProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            provider.Start();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => provider.StopAsync(cancellationToken);
    }
}
