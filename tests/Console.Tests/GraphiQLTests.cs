using Marketplace.Console.Tests.Support;
using System.Text.Json;
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
        // What GraphiQL keeps between visits (its own storage keys), in place before its scripts read them:
        // the headers with the token, and the last query.
        var headers = JsonSerializer.Serialize($"{{\"Authorization\": \"Bearer {market.Admin}\"}}");
        var query = JsonSerializer.Serialize("subscription { dashboardChanged { stats(window: DAYS_30) { sold } } }");
        await context.AddInitScriptAsync($"localStorage.setItem('graphiql:headers', {headers}); localStorage.setItem('graphiql:query', {query});");
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "/graphql").ToString());
        // Run only once GraphiQL has restored the query and headers into its editors (a click before runs nothing).
        await Assertions.Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("dashboardChanged", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".graphiql-container")).ToContainTextAsync("Authorization", new() { Timeout = 30_000 });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        // The subscription is live once the server acknowledged the socket's connection_init.
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => { if (frame.Text?.Contains("connection_ack") == true) acknowledged.TrySetResult(); };
        await page.Locator(".graphiql-execute-button").ClickAsync();
        try
        {
            await acknowledged.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            Assert.Fail("no connection_ack; page shows: " + await page.Locator(".graphiql-container").InnerTextAsync() + " errors: " + string.Join(" | ", errors));
        }
        await Deals.CompleteAsync(market, deal, orderId);

        await Assertions.Expect(page.Locator(".result-window")).ToContainTextAsync("\"sold\"", new() { Timeout = 15_000 });
        Assert.Empty(errors);
        await context.CloseAsync();
    }
}
