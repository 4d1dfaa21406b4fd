using System.Net;
using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;
using Marketplace.Grains.Tests.Harness;

namespace Marketplace.Gateway.Tests.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_follows_the_store_while_liveness_stays_up()
    {
        var postgres = new ScratchPostgres();
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = await postgres.CreateAsync("readiness"),
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Postgres", JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!["storage"]!["description"]!.GetValue<string>());

        await postgres.DisposeAsync(); // drops the database under the running gateway

        var down = await Eventually.MatchAsync(() => http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "readiness to report the store gone");
        var report = JsonNode.Parse(await down.Content.ReadAsStringAsync())!;
        Assert.Equal("Unhealthy", report["checks"]!["storage"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }
}
