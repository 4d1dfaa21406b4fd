using Microsoft.Extensions.DependencyInjection;
using Marketplace.Gateway.Hosting;
using Marketplace.Grains.Interfaces.Listings;
using Orleans.Runtime;
using Orleans.Streams;
using Marketplace.Grains.Interfaces.Analytics;

namespace Marketplace.Gateway.Tests.Hosting;

/// <summary>Gateway:Mode picks an in-process silo (Dev) or a cluster client (Cluster); bad settings stop the start with a clear message.</summary>
public class GatewayModeTests
{
    [Fact]
    public void Cluster_mode_without_a_connection_string_names_the_missing_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GatewayApp.Build(["--Gateway:Mode=Cluster", "--ConnectionStrings:Postgres="]));
        Assert.Contains("ConnectionStrings:Postgres", error.Message);
    }

    [Fact]
    public void An_unknown_mode_is_refused_with_the_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GatewayApp.Build(["--Gateway:Mode=Clustered"]));
        Assert.Contains("expected Dev or Cluster", error.Message);
    }

    [Fact]
    public async Task Cluster_mode_hosts_no_silo_and_reads_listings_and_streams_from_postgres()
    {
        // Built, not started: nothing connects until the host runs.
        await using var app = GatewayApp.Build(["--gateway:mode=cluster", "--ConnectionStrings:Postgres=Host=127.0.0.1;Port=1;Username=x"]);

        Assert.Null(app.Services.GetService<ILocalSiloDetails>());
        Assert.NotNull(app.Services.GetRequiredService<IClusterClient>());
        Assert.Equal("SqlListingStore", app.Services.GetRequiredService<IListingStore>().GetType().Name);
        Assert.NotNull(app.Services.GetKeyedService<IStreamProvider>(MarketStreams.ProviderName));
    }

    [Fact]
    public async Task Dev_mode_is_the_default_and_hosts_a_silo()
    {
        await using var app = GatewayApp.Build(["--Storage:Provider=Memory"]);

        Assert.NotNull(app.Services.GetService<ILocalSiloDetails>());
    }
}
