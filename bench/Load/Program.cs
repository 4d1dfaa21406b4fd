using System.Diagnostics;
using Marketplace.Cluster.Tests;
using Marketplace.Load;

// A load test through real GraphQL over HTTP and graphql-transport-ws, on loopback only, bounded in time and in count:
//   1. starts the target (--target embedded: one dev-mode gateway process on SQLite; cluster: 3 silos over PostgreSQL
//      and a gateway in Cluster mode, one silo killed with SIGKILL and restarted midway);
//   2. sets up a market (categories, regions, users, an operator, a few items each) through GraphQL;
//   3. runs --users simulated users for --seconds: browsing, listing, ordering and paying, shipping, delivering and
//      confirming some orders, each buyer following its orders over a WebSocket, the operator the dashboard;
//   4. reports throughput, p50/p95/p99 latency and errors per operation (apart for the failure window) and the
//      subscriptions' events;
//   5. checks that every acknowledged write is there exactly once and that the figures match; exit code 1 if not.
// Usage: dotnet run -c Release --project bench/Load -- [--target embedded|cluster] [--users 40] [--seconds 90] [--max-requests N] [--settle 30]
var wall = Stopwatch.StartNew();
var options = LoadOptions.Parse(args);
void Log(string message) => Console.WriteLine($"[{wall.Elapsed.TotalSeconds,6:F1} s] {message}");
Log($"load test: {options.Users} users for {options.Seconds} s (at most {options.MaxRequests:N0} requests), target {options.Target}; " +
    $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores (figures move with it)");

await using ILoadTarget target = options.Target == LoadTargetKind.Cluster
    ? await ClusterTarget.StartAsync(Log)
    : await EmbeddedTarget.StartAsync(FindRepositoryRoot(), Log);
Log(target.Description);

// A request caught on a killed silo waits for Orleans' response timeout; 15 s lets it finish and be counted.
using var http = new GraphQLHttp(target.Gateway, TimeSpan.FromSeconds(15));
var pool = new ItemPool();
var journal = new WriteJournal();
var market = await Market.CreateAsync(http, target.AdminToken, options.Users, pool, journal);
Log($"market ready: {market.CategoryIds.Length} categories, {market.RegionIds.Length} regions, {options.Users} users and an operator, {journal.ListedItems.Count} items");

var recorder = new OperationRecorder();
var caller = new GraphQLCaller(http, recorder);
var subscriptions = new SubscriptionTally();
var window = new DisruptionWindow();
var sockets = new List<GraphQLWebSocket?>();
foreach (var user in market.Users.Append(market.Operator)) sockets.Add(await ConnectAsync(user));
if (sockets[^1] is { } operatorSocket)
    subscriptions.Follow("dashboardChanged", await operatorSocket.SubscribeAsync(Documents.DashboardChanged, new { }));

var traffic = Stopwatch.StartNew();
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
bool KeepGoing() => !stop.IsCancellationRequested && recorder.Sent < options.MaxRequests;
Log($"traffic for {options.Seconds} s");
var users = market.Users.Select((user, i) => Task.Run(() =>
    new SimulatedUser(user, market, caller, pool, journal, subscriptions, KeepGoing).RunAsync(sockets[i]))).ToList();
users.Add(Task.Run(() => WatchDashboardAsync(KeepGoing)));
var disruption = target.DisruptAsync(TimeSpan.FromSeconds(options.Seconds), window, Log, stop.Token);
await Task.WhenAll(users);
var trafficLength = traffic.Elapsed;
try { await disruption; }
catch (OperationCanceledException) { Log("the run ended before the failure was due"); }
Log($"traffic done ({recorder.Sent:N0} requests{(recorder.Sent >= options.MaxRequests ? ", stopped by the count bound" : "")})");
foreach (var socket in sockets) if (socket is not null) await socket.DisposeAsync();
await subscriptions.DrainAsync();

LoadReport.Print(recorder.Samples, trafficLength, window, subscriptions);
var passed = await new WriteChecks(http, target.AdminToken, journal, market.Users, TimeSpan.FromSeconds(options.SettleSeconds)).RunAsync();
Log(passed ? "every check passed" : "a check FAILED");
return passed ? 0 : 1;

async Task<GraphQLWebSocket?> ConnectAsync(MarketUser user)
{
    try { return await GraphQLWebSocket.ConnectAsync(target.Gateway, user.Token); }
    catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or InvalidOperationException or OperationCanceledException)
    {
        subscriptions.ConnectFailed(user == market.Operator ? "dashboardChanged" : "orderStatusChanged");
        return null;
    }
}

// The operator's screen: the platform figures once a second, besides the dashboardChanged subscription.
async Task WatchDashboardAsync(Func<bool> keepGoing)
{
    while (keepGoing())
    {
        await caller.CallAsync("dashboard", Documents.DashboardStats, null, market.Operator.Token);
        await Task.Delay(1000);
    }
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln"))) return directory.FullName;
    throw new InvalidOperationException("Run from inside the repository (Marketplace.sln not found above the build output).");
}
