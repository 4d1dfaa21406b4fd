using Marketplace.Runtime.Activation;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Metadata;
using Marketplace.Runtime.Streams.Memory;
using Marketplace.Runtime.Streams.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Streams;

public sealed class MemoryStreamOptions
{
    /// <summary>Queue partitions, each with one pulling agent; streams hash to partitions.</summary>
    public int PartitionCount { get; set; } = 4;
    /// <summary>Events a pulling agent takes per read.</summary>
    public int BatchSize { get; set; } = 32;
}

public static class StreamingExtensions
{
    /// <summary>Adds an in-process stream provider under <paramref name="name"/> (a keyed IStreamProvider).</summary>
    public static ISiloBuilder AddMemoryStreams(this ISiloBuilder silo, string name, Action<MemoryStreamOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = new MemoryStreamOptions();
        configure?.Invoke(options);
        if (options.PartitionCount < 1) throw new ArgumentOutOfRangeException(nameof(configure), options.PartitionCount, "PartitionCount must be at least 1.");
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(configure), options.BatchSize, "BatchSize must be at least 1.");

        silo.Services.AddKeyedSingleton<IStreamProvider>(name, (sp, _) => new QueueStreamProvider(
            name,
            new MemoryQueueAdapter(options.PartitionCount),
            options.BatchSize,
            sp.GetRequiredService<Catalog>(),
            sp.GetRequiredService<GrainTypeRegistry>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger($"Marketplace.Runtime.Streams.{name}")));
        silo.Services.AddSingleton<IHostedService>(sp => new PullingAgentsService((QueueStreamProvider)sp.GetRequiredKeyedService<IStreamProvider>(name)));
        return silo;
    }

    /// <summary>A stream provider for code outside grains (grains use Grain.GetStreamProvider).</summary>
    public static IStreamProvider GetStreamProvider(this IServiceProvider services, string name) =>
        services.GetKeyedService<IStreamProvider>(name)
        ?? throw new InvalidOperationException($"No stream provider named '{name}' is registered: add it with silo.AddMemoryStreams(\"{name}\").");

    /// <summary>Runs the provider's pulling agents while the host runs; stops them before the silo deactivates grains.</summary>
    private sealed class PullingAgentsService(QueueStreamProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            provider.Start();
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await provider.StopAsync(cancellationToken);
            (provider.Adapter as MemoryQueueAdapter)?.Close();
        }
    }
}
