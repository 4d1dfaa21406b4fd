using System.Diagnostics;
using Microsoft.Playwright;

// The operator console's first load against a running gateway (`dotnet run --project src/Gateway -- --demo-data`):
// a fresh browser context (cold cache, as a new visitor) per run, time from navigation to the market tiles
// showing figures; then screenshots of every page into docs/console. Debian's Chromium (CHROMIUM_PATH overrides).
//   dotnet run -c Release --project bench/Console.Bench -- [gateway URL] [data folder] [runs] [screenshot folder] [disputed order id]
// ("-" as the screenshot folder: timings only; the disputed order id is the one the demo log lists for the operator).
var url = new Uri(args.ElementAtOrDefault(0) ?? "http://localhost:5000");
var dataFolder = args.ElementAtOrDefault(1) ?? "data";
var runs = int.Parse(args.ElementAtOrDefault(2) ?? "5");
var shots = args.ElementAtOrDefault(3) ?? "docs/console";
var disputedOrder = args.ElementAtOrDefault(4);

var tokens = File.ReadAllLines(Path.Combine(dataFolder, "demo-tokens"))
    .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(parts => parts.Length == 3)
    .ToDictionary(parts => parts[0], parts => (UserId: parts[1], Token: parts[2]));
var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"] });

async Task<IPage> OpenAsync(string token, int width = 1440, int height = 900)
{
    var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
    // Signed in already (the token in localStorage, as after a sign-in), so the run measures the screen, not typing.
    await context.AddInitScriptAsync($"localStorage.setItem('marketplace.console.token', {System.Text.Json.JsonSerializer.Serialize(token)})");
    return await context.NewPageAsync();
}

var operatorToken = tokens["operator"].Token;
var times = new List<double>();
var painted = new List<double>();
for (var run = 0; run < runs; run++)
{
    var page = await OpenAsync(operatorToken);
    var clock = Stopwatch.StartNew();
    await page.GotoAsync(new Uri(url, "/console/#/market").ToString(), new() { WaitUntil = WaitUntilState.Commit });
    await page.Locator("section.tiles[data-loaded='true'] [data-kpi='gmv']").WaitForAsync(new() { Timeout = 60_000 });
    var elapsed = clock.Elapsed.TotalMilliseconds;
    times.Add(elapsed);
    // The page's own clock: from navigation start to the frame that paints the tiles (Playwright's check above
    // can only run once the page's main thread is free, i.e. after the charts that follow the tiles are drawn).
    var paintedAt = await page.EvaluateAsync<double>("() => performance.getEntriesByName('console:tiles-painted')[0]?.startTime ?? -1");
    painted.Add(paintedAt);
    System.Console.WriteLine($"run {run + 1}: market tiles showed figures after {elapsed:F0} ms (painted at {paintedAt:F0} ms by the page's clock)");
    if (run == 0 || Environment.GetEnvironmentVariable("CONSOLE_BENCH_VERBOSE") == "1")
        // Where the time went, as the page saw it (ms from navigation start).
        System.Console.WriteLine("  " + await page.EvaluateAsync<string>(@"() => performance.getEntries().filter(e => e.entryType !== 'mark')
            .map(e => `${e.name.replace(location.origin, '')} ${Math.round(e.startTime)}+${Math.round(e.duration)}`).join('; ')"));
    await page.Context.CloseAsync();
}
times.Sort();
painted.Sort();
System.Console.WriteLine($"first load to tiles (Playwright): median {times[times.Count / 2]:F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms over {runs} runs");
System.Console.WriteLine($"first load to tiles painted (page clock): median {painted[painted.Count / 2]:F0} ms, min {painted[0]:F0} ms, max {painted[^1]:F0} ms");

if (shots == "-") return;
Directory.CreateDirectory(shots);
async Task ShotAsync(string token, string route, string ready, string file, int width = 1440, int height = 900)
{
    var page = await OpenAsync(token, width, height);
    await page.GotoAsync(new Uri(url, "/console/" + route).ToString());
    await page.Locator(ready).First.WaitForAsync(new() { Timeout = 60_000 });
    await page.WaitForTimeoutAsync(1200); // the charts' entry animation
    await page.ScreenshotAsync(new() { Path = Path.Combine(shots, file), FullPage = true });
    System.Console.WriteLine($"screenshot {file}");
    await page.Context.CloseAsync();
}

var signIn = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 700 } });
await signIn.GotoAsync(new Uri(url, "/console/").ToString());
await signIn.GetByLabel("Bearer token").FillAsync("not-a-real-token");
await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
await signIn.GetByRole(AriaRole.Alert).WaitForAsync();
await signIn.ScreenshotAsync(new() { Path = Path.Combine(shots, "sign-in-bad-token.png") });
await signIn.CloseAsync();

await ShotAsync(operatorToken, "#/market", "section.tiles[data-loaded='true']", "market.png");
await ShotAsync(operatorToken, "#/market", "section.tiles[data-loaded='true']", "market-wall-screen.png", 2560, 1440);
await ShotAsync(operatorToken, "#/alerts", "#alert-list li", "alerts.png");
await ShotAsync(operatorToken, $"#/trust?seller={tokens["seller"].UserId}", "[data-kpi='creditScore']", "seller-trust.png");
await ShotAsync(operatorToken, "#/category/phones", "[data-kpi='gmv']", "category.png");
await ShotAsync(operatorToken, "#/region/shanghai", "[data-kpi='gmv']", "region.png");
await ShotAsync(operatorToken, disputedOrder is null ? "#/disputes" : $"#/disputes?order={disputedOrder}",
    disputedOrder is null ? "#dispute-queue > *, [role='status'] .error" : "#dispute-opened [data-order]", "dispute-desk.png");
await ShotAsync(tokens["inspector"].Token, "#/inspection", "#inspection-queue > *, [role='status'] .error", "inspection-desk.png");

// GraphiQL (Development) with the operator's token in its remembered headers and a dashboard query run.
var graphiqlContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
// Before GraphiQL's own scripts read its storage: what it would have remembered from an earlier visit.
await graphiqlContext.AddInitScriptAsync($"localStorage.setItem('graphiql:headers', {System.Text.Json.JsonSerializer.Serialize($"{{\n  \"Authorization\": \"Bearer {operatorToken}\"\n}}")}); " +
    $"localStorage.setItem('graphiql:query', {System.Text.Json.JsonSerializer.Serialize("{\n  dashboard {\n    stats(window: DAYS_7) { sold gmv sellThroughRate }\n    topCategories(first: 3) { name }\n  }\n}\n")});");
var graphiql = await graphiqlContext.NewPageAsync();
await graphiql.GotoAsync(new Uri(url, "/graphql").ToString());
await Assertions.Expect(graphiql.Locator(".graphiql-query-editor")).ToContainTextAsync("topCategories", new() { Timeout = 30_000 });
await graphiql.Locator(".graphiql-execute-button").ClickAsync();
await graphiql.WaitForFunctionAsync("() => document.querySelector('.result-window')?.innerText.includes('topCategories')");
await graphiql.ScreenshotAsync(new() { Path = Path.Combine(shots, "graphiql.png") });
System.Console.WriteLine("screenshot graphiql.png");
