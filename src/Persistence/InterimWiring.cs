using Microsoft.Extensions.Configuration;
using Orleans.Hosting;

// INTERIM (orleans branch only): memory/localhost stand-ins with the final names, replaced by the
// persistence and streams branches at merge.
namespace Marketplace.Persistence.Hosting
{
    public static class InterimStorage
    {
        public static ISiloBuilder UseMarketplaceStorage(this ISiloBuilder silo, IConfiguration configuration) =>
            silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();

        public static ISiloBuilder UseMarketplaceClustering(this ISiloBuilder silo, IConfiguration configuration) =>
            silo.UseLocalhostClustering(configuration.GetValue("Cluster:SiloPort", 11111), configuration.GetValue("Cluster:GatewayPort", 30000));

        public static IClientBuilder UseMarketplaceClustering(this IClientBuilder client, IConfiguration configuration) =>
            client.UseLocalhostClustering(configuration.GetValue("Cluster:GatewayPort", 30000));
    }
}

namespace Marketplace.Persistence.Streams
{
    public static class InterimStreams
    {
        public static ISiloBuilder AddMarketplaceStreams(this ISiloBuilder silo, string name, IConfiguration configuration) =>
            silo.AddMemoryStreams(name).AddMemoryGrainStorage("PubSubStore");

        public static IClientBuilder AddMarketplaceStreams(this IClientBuilder client, string name, IConfiguration configuration) =>
            client.AddMemoryStreams(name);
    }
}
