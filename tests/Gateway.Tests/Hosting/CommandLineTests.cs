using Marketplace.Gateway.Demo;
using Marketplace.Gateway.Hosting;

namespace Marketplace.Gateway.Tests.Hosting;

public class CommandLineTests
{
    [Fact]
    public async Task Demo_data_flag_does_not_swallow_the_urls_that_follow_it()
    {
        await using var app = GatewayApp.Build([DemoDataExtensions.Flag, "--urls", "http://127.0.0.1:5999"]);

        Assert.Equal("http://127.0.0.1:5999", app.Configuration["urls"]);
        Assert.Null(app.Configuration["demo-data"]);
    }

    [Fact]
    public void Demo_data_is_refused_in_cluster_mode_which_cannot_move_the_grains_clock()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            GatewayApp.Build([DemoDataExtensions.Flag, "--gateway:mode=cluster", "--ConnectionStrings:Postgres=Host=127.0.0.1;Port=1;Username=x"]));
        Assert.Contains("dev mode", error.Message);
    }
}
