using System.Reflection;
using Marketplace.Runtime.Activation;
using Marketplace.Runtime.Diagnostics;
using Marketplace.Runtime.Messaging;
using Marketplace.Runtime.Metadata;
using Marketplace.Runtime.References;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>Hosts a silo in this application; grains are reached through <see cref="IClusterClient"/>.</summary>
    public static IHostApplicationBuilder UseSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder> configure)
    {
        builder.Services.AddSilo(builder.Configuration, configure);
        return builder;
    }

    public static IServiceCollection AddSilo(this IServiceCollection services, IConfiguration configuration, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.ServiceType == typeof(SiloMarker)))
            throw new InvalidOperationException("A silo is already added to this service collection.");
        services.AddSingleton<SiloMarker>();

        var section = configuration.GetSection(GrainCollectionOptions.SectionName);
        services.AddOptions<GrainCollectionOptions>().Bind(section)
            .Validate(o => o.CollectionAge > TimeSpan.Zero, "Runtime:CollectionAge must be positive.")
            .Validate(o => o.CollectionQuantum > TimeSpan.Zero, "Runtime:CollectionQuantum must be positive.")
            .ValidateOnStart();
        services.AddOptions<MessagingOptions>().Bind(section)
            .Validate(o => o.ResponseTimeout > TimeSpan.Zero, "Runtime:ResponseTimeout must be positive.")
            .ValidateOnStart();

        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RuntimeInstruments(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<GrainTypeRegistry>();
        services.TryAddSingleton<Catalog>();
        services.TryAddSingleton<IRequestDispatcher>(sp => sp.GetRequiredService<Catalog>());
        services.TryAddSingleton<IPlacementDirector, LocalPlacementDirector>();
        services.TryAddSingleton<IMessageCenter, LocalMessageCenter>();
        services.TryAddSingleton<ResponseTracker>();
        services.TryAddSingleton<GrainCallRuntime>();
        services.TryAddSingleton<GrainFactory>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainFactory>());
        services.TryAddSingleton<IClusterClient>(sp => sp.GetRequiredService<GrainFactory>());
        services.TryAddSingleton<IdleCollector>();
        services.TryAddSingleton(sp => new GrainReferenceJsonConverter(sp.GetRequiredService<IGrainFactory>()));
        services.AddHostedService<SiloHostedService>();

        configure(new SiloBuilder(services, configuration));
        return services;
    }

    /// <summary>Hosts the grain classes of these assemblies (each grain interface maps to its implementing class).</summary>
    public static ISiloBuilder AddGrains(this ISiloBuilder silo, params Assembly[] assemblies)
    {
        foreach (var assembly in assemblies) silo.Services.AddSingleton(new GrainAssembly(assembly));
        return silo;
    }

    private sealed class SiloMarker;
}
