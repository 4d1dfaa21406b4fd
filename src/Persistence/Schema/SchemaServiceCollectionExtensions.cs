using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace Marketplace.Persistence.Schema;

/// <summary>Registration of the schema installer, shared by the storage and clustering wiring.</summary>
internal static class SchemaServiceCollectionExtensions
{
    /// <summary>Adds a database to install before the silo's providers start.</summary>
    public static IServiceCollection AddSiloSchema(this IServiceCollection services, IConfiguration configuration, SchemaTarget target)
    {
        services.AddSchemaInstaller(configuration, target);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SiloSchemaParticipant>());
        return services;
    }

    /// <summary>Adds a database to install before the cluster client connects.</summary>
    public static IServiceCollection AddClientSchema(this IServiceCollection services, IConfiguration configuration, SchemaTarget target)
    {
        services.AddSchemaInstaller(configuration, target);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ClientSchemaService>());
        return services;
    }

    private static void AddSchemaInstaller(this IServiceCollection services, IConfiguration configuration, SchemaTarget target)
    {
        services.TryAddSingleton<SchemaInstaller>();
        services.AddOptions<SchemaOptions>()
            .Bind(configuration.GetSection(SchemaOptions.Section))
            .Configure(o =>
            {
                if (!o.Targets.Contains(target))
                    o.Targets.Add(target);
            });
    }
}
