using System.Reflection;
using Marketplace.Runtime.Cluster.Membership;
using Marketplace.Runtime.Cluster.Placement;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Messaging;
using Marketplace.Runtime.Metadata;
using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.References;
using Marketplace.Runtime.Reminders;
using Marketplace.Runtime.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Cluster.Hosting;

/// <summary>What a cluster client registers grain metadata on (it hosts no grains).</summary>
public sealed class ClusterClientBuilder(IServiceCollection services, IConfiguration configuration)
{
    public IServiceCollection Services { get; } = services;
    public IConfiguration Configuration { get; } = configuration;

    /// <summary>Assemblies whose grain classes tell the client each interface's grain type (nothing is activated here).</summary>
    public ClusterClientBuilder AddGrainTypes(params Assembly[] assemblies)
    {
        foreach (var assembly in assemblies) Services.AddSingleton(new GrainAssembly(assembly));
        return this;
    }

    public ClusterClientBuilder Configure(Action<ClusterOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Replaces the membership table from configuration (tests share one in-memory table).</summary>
    public ClusterClientBuilder UseMembershipTable(IMembershipTable table)
    {
        Services.RemoveAll<IMembershipTable>();
        Services.AddSingleton(table);
        return this;
    }
}

public static class ClusterHostingExtensions
{
    /// <summary>
    /// Makes this silo a member of a cluster (section "Cluster", table in PostgreSQL from
    /// ConnectionStrings:Postgres unless Cluster:MembershipTable is Memory): TCP transport, membership
    /// with failure detection, rendezvous placement, reminder ownership by hash ranges.
    /// </summary>
    public static ISiloBuilder UseCluster(this ISiloBuilder silo, Action<ClusterOptions>? configure = null)
    {
        var services = silo.Services;
        AddCommon(services, silo.Configuration, configure);
        services.RemoveAll<IPlacementDirector>();
        services.AddSingleton<IPlacementDirector>(sp => sp.GetRequiredService<ClusterPlacement>());
        services.TryAddSingleton<SiloListener>();
        services.TryAddSingleton<ActivationRebalancer>();
        services.TryAddSingleton<MembershipService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<MembershipService>());
        services.TryAddSingleton<Marketplace.Runtime.Streams.Queues.IStreamDeliveryRouter, ClusterStreamDeliveryRouter>();
        services.RemoveAll<IReminderOwnership>();
        services.AddSingleton<IReminderOwnership, ClusterReminderOwnership>();
        return silo;
    }

    /// <summary>Uses this table instead of the configured one (tests: one in-memory table shared by the silos of a process).</summary>
    public static ISiloBuilder UseMembershipTable(this ISiloBuilder silo, IMembershipTable table)
    {
        silo.Services.RemoveAll<IMembershipTable>();
        silo.Services.AddSingleton(table);
        return silo;
    }

    /// <summary>
    /// Reaches grains of a cluster from this process (the gateway) without hosting any: reads the
    /// membership table, places calls like the silos do and sends them over TCP. Resolve
    /// <see cref="IClusterClient"/>. Give it the grain assemblies with <see cref="ClusterClientBuilder.AddGrainTypes"/>.
    /// </summary>
    public static IHostApplicationBuilder UseClusterClient(this IHostApplicationBuilder builder, Action<ClusterClientBuilder> configure)
    {
        builder.Services.AddClusterClient(builder.Configuration, configure);
        return builder;
    }

    public static IServiceCollection AddClusterClient(this IServiceCollection services, IConfiguration configuration, Action<ClusterClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.ServiceType == typeof(IRequestDispatcher)))
            throw new InvalidOperationException("This process hosts a silo: use its IClusterClient instead of adding a cluster client.");
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.SectionName))
            .Validate(o => o.ResponseTimeout > TimeSpan.Zero, "Runtime:ResponseTimeout must be positive.");
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainTypeRegistry>();
        services.TryAddSingleton<ResponseTracker>();
        services.TryAddSingleton<GrainCallRuntime>();
        services.TryAddSingleton<GrainFactory>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainFactory>());
        services.TryAddSingleton<IClusterClient>(sp => sp.GetRequiredService<GrainFactory>());
        services.TryAddSingleton(sp => new GrainReferenceJsonConverter(sp.GetRequiredService<IGrainFactory>()));
        AddCommon(services, configuration, null);
        services.AddHostedService<MembershipWatcher>();
        services.AddHostedService<ClientTransportService>();
        configure(new ClusterClientBuilder(services, configuration));
        return services;
    }

    private static void AddCommon(IServiceCollection services, IConfiguration configuration, Action<ClusterOptions>? configure)
    {
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClusterId), "Cluster:ClusterId is required.")
            .Validate(o => o.SiloPort is >= 0 and <= 65535, "Cluster:SiloPort must be a TCP port (0 picks a free one).")
            .Validate(o => o.ProbeInterval > TimeSpan.Zero && o.ProbeTimeout > TimeSpan.Zero, "Cluster:ProbeInterval and ProbeTimeout must be positive.")
            .Validate(o => o.MissedProbesLimit >= 1 && o.VotesForDeath >= 1, "Cluster:MissedProbesLimit and VotesForDeath must be at least 1.")
            .Validate(o => o.SendQueueLimit >= 1, "Cluster:SendQueueLimit must be at least 1.")
            .ValidateOnStart();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton<ClusterMembershipView>();
        services.TryAddSingleton<LocalSiloIdentity>();
        services.TryAddSingleton<ClusterPlacement>();
        services.TryAddSingleton<WireCodec>();
        services.TryAddSingleton<ConnectionManager>();
        services.TryAddSingleton<ClusterMessageCenter>();
        services.RemoveAll<IMessageCenter>();
        services.AddSingleton<IMessageCenter>(sp => sp.GetRequiredService<ClusterMessageCenter>());
        services.TryAddSingleton<IMembershipTable>(CreateConfiguredTable);
    }

    private static IMembershipTable CreateConfiguredTable(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        switch (options.MembershipTable.ToLowerInvariant())
        {
            case "memory":
                return new MemoryMembershipTable();
            case "postgres" or "postgresql":
                var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres") is { Length: > 0 } cs ? cs
                    : throw new InvalidOperationException("Cluster:MembershipTable is Postgres but ConnectionStrings:Postgres is not set.");
                return PostgresMembershipTable.Create(new PostgresStorageOptions { ConnectionString = connectionString }, options.ClusterId);
            default:
                throw new InvalidOperationException($"Unknown Cluster:MembershipTable '{options.MembershipTable}': expected Postgres or Memory.");
        }
    }

    /// <summary>Closes a client's connections on stop.</summary>
    private sealed class ClientTransportService(ConnectionManager connections, ClusterMessageCenter messageCenter) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            messageCenter.Stopped = true;
            connections.Stop();
            return Task.CompletedTask;
        }
    }
}
