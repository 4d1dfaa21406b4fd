using Marketplace.Runtime.Cluster.Hosting;
using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.AdoNet;
using Marketplace.Runtime.References;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Streams.Postgres.Client;

public static class ClientStreamingExtensions
{
    /// <summary>
    /// Lets this cluster client produce to and subscribe to the silos' durable PostgreSQL streams under
    /// <paramref name="name"/> (a keyed IStreamProvider, as on a silo). Subscriptions are live and held
    /// in this process, fed by LISTEN/NOTIFY; see <see cref="ClientStreamProvider"/>.
    /// </summary>
    public static ClusterClientBuilder AddPostgresStreams(this ClusterClientBuilder client, string name, Action<PostgresStreamOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = new PostgresStreamOptions();
        configure(options);
        options.Validate(nameof(configure));

        var store = new Lazy<AdoNetStore>(() => AdoNetStore.ForPostgres(new PostgresStorageOptions { ConnectionString = options.ConnectionString }, PostgresQueueAdapter.Script));
        client.Services.AddKeyedSingleton<IStreamProvider>(name, (sp, _) =>
            new ClientStreamProvider(name, new PostgresQueueAdapter(name, store.Value, options, _ => false, CreateSerializer(sp), sp.GetRequiredService<TimeProvider>())));
        client.Services.AddKeyedSingleton(name, (sp, _) => new StreamNotificationListener(
            (ClientStreamProvider)sp.GetRequiredKeyedService<IStreamProvider>(name),
            options.ConnectionString,
            store.Value,
            CreateSerializer(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger($"Marketplace.Runtime.Streams.{name}")));
        client.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<StreamNotificationListener>(name));
        return client;
    }

    /// <summary>Completes once the client listens for the events of provider <paramref name="name"/> (events committed before are not heard).</summary>
    public static Task WaitUntilListeningAsync(this IServiceProvider services, string name) =>
        services.GetRequiredKeyedService<StreamNotificationListener>(name).Listening;

    private static System.Text.Json.JsonSerializerOptions CreateSerializer(IServiceProvider services)
    {
        var serializer = GrainStateSerializer.CreateDefaultOptions();
        serializer.Converters.Add(services.GetRequiredService<GrainReferenceJsonConverter>());
        return serializer;
    }
}
