using System.Net;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Hosting;

/// <summary>The Orleans Dashboard at /dashboard: ADMIN only; on in Development, off elsewhere unless configured.</summary>
public sealed class OperatorDashboardTests
{
    [Fact]
    public async Task The_dashboard_answers_admins_only()
    {
        await using var host = await GatewayHost.StartAsync();
        var market = new Market(host);
        var user = await market.CreateUserAsync();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/dashboard?access_token={user.Token}")).StatusCode);

        var signIn = await http.GetAsync($"/dashboard?access_token={GatewayHost.AdminToken}");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        // The cookie alone (what a browser sends next) lets the admin in.
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withCookie)).StatusCode);
    }

    [Fact]
    public async Task Outside_Development_the_dashboard_is_off_unless_configured()
    {
        await using (var production = await GatewayHost.StartAsync(environment: "Production"))
        {
            using var http = new HttpClient { BaseAddress = production.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
            request.Headers.Authorization = new("Bearer", GatewayHost.AdminToken);
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(request)).StatusCode);
        }
        await using var enabled = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Dashboard:Enabled"] = "true" }, environment: "Production");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = enabled.BaseAddress };
        using var admin = new HttpRequestMessage(HttpMethod.Get, "/dashboard/"); // the page itself; /dashboard redirects here
        admin.Headers.Authorization = new("Bearer", GatewayHost.AdminToken);
        var answer = await client.SendAsync(admin);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{answer.StatusCode} {answer.Headers.Location}");
    }
}
