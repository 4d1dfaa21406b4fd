using Marketplace.Console.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Console.Tests;

/// <summary>The real GraphiQL at /graphql in Development: headers kept in localStorage, subscriptions over graphql-transport-ws.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class GraphiQLTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task GraphiQL_runs_a_subscription_with_the_remembered_token_header()
    {
        var market = fixture.Market;
        var deal = await market.NewDealAsync("42.00");
        var orderId = await Deals.DeliveredOrderAsync(market, deal);
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var graphiql = new Uri(fixture.Host.BaseAddress, "/graphql").ToString();
        await page.GotoAsync(graphiql);
        await page.Locator(".graphiql-container").WaitForAsync();
        // What GraphiQL keeps between visits (its own storage keys): the headers with the token, and the last query.
        await page.EvaluateAsync("([headers, query]) => { localStorage.setItem('graphiql:headers', headers); localStorage.setItem('graphiql:query', query); }",
            new[] { $"{{\"Authorization\": \"Bearer {market.Admin}\"}}", "subscription { dashboardChanged { stats(window: DAYS_30) { sold } } }" });
        await page.ReloadAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        // The subscription is live once the server acknowledged the socket's connection_init.
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => { if (frame.Text?.Contains("connection_ack") == true) acknowledged.TrySetResult(); };
        await page.Locator(".graphiql-execute-button").ClickAsync();
        await acknowledged.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await Deals.CompleteAsync(market, deal, orderId);

        await Assertions.Expect(page.Locator(".result-window")).ToContainTextAsync("\"sold\"", new() { Timeout = 15_000 });
        Assert.Empty(errors);
        await context.CloseAsync();
    }
}
