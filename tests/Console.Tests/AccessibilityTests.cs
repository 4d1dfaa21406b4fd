using Deque.AxeCore.Playwright;
using Marketplace.Console.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Console.Tests;

/// <summary>axe-core on every console page: no serious or critical violation (contrast, names, labels, landmarks).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Every_page_has_no_serious_or_critical_axe_violation()
    {
        var market = fixture.Market;
        var deal = await market.NewDealAsync("180.00");
        await Deals.CompleteAsync(market, deal, await Deals.DeliveredOrderAsync(market, deal));
        var @operator = await market.CreateUserWithRoleAsync("OPERATOR");
        var inspector = await market.CreateUserWithRoleAsync("INSPECTOR");
        var problems = new List<string>();

        await using (var signIn = await fixture.OpenAsync(null))
            problems.AddRange(await ScanAsync(signIn, "sign-in", () => signIn.Page.GetByLabel("Bearer token").WaitForAsync()));

        await using (var console = await fixture.OpenAsync(@operator.Token))
        {
            await console.WaitForSignedInAsync();
            problems.AddRange(await ScanAsync(console, "market", () => console.WaitForTilesAsync()));
            var pages = new (string Route, string Ready)[]
            {
                ("alerts", "#alert-list li"),
                ($"trust?seller={deal.Seller.Id}", "[data-kpi='creditScore']"),
                ($"category/{deal.CategoryId}", "[data-kpi='gmv']"),
                ($"region/{deal.RegionId}", "[data-kpi='gmv']"),
                ("disputes", "#dispute-queue, [role='status'] :is(.hint, .error)"),
            };
            foreach (var (route, ready) in pages)
            {
                await console.GoToAsync(route);
                problems.AddRange(await ScanAsync(console, route, () => console.Page.Locator(ready).First.WaitForAsync()));
            }
        }

        await using (var desk = await fixture.OpenAsync(inspector.Token))
        {
            await desk.WaitForSignedInAsync();
            problems.AddRange(await ScanAsync(desk, "inspection", () => desk.Page.Locator("[role='status'] :is(.hint, .error)").First.WaitForAsync()));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<IEnumerable<string>> ScanAsync(ConsolePage console, string name, Func<Task> ready)
    {
        try
        {
            await ready();
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{name} did not show its content: {await console.Page.Locator("main").InnerTextAsync()}");
        }
        var result = await console.Page.RunAxe();
        return result.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{name}: {violation.Impact} {violation.Id}: {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()))}");
    }
}
