using Microsoft.Extensions.Configuration;
using Orleans.Hosting;

// INTERIM (orleans branch only): memory/localhost stand-ins with the final names, replaced by the
// persistence and streams branches at merge.
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
