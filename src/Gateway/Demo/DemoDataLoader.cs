using System.Collections.Concurrent;
using System.Diagnostics;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Trust;
using Marketplace.Grains.Interfaces.Users;
using Microsoft.Extensions.Options;

namespace Marketplace.Gateway.Demo;

/// <summary>What one load did.</summary>
/// <param name="AlreadyLoaded">The store held a finished demo market: nothing was generated.</param>
/// <param name="UnexpectedErrors">Grain calls that answered an error the plan did not expect (0 in a good load).</param>
public sealed record DemoLoadResult(DemoMarketPlan Plan, bool AlreadyLoaded, TimeSpan Elapsed, int Calls, int UnexpectedErrors, string Summary);

/// <summary>
/// Loads the demo market of <see cref="DemoMarketPlan"/>: a market with <c>HistoryDays</c> (90) days of history, generated
/// through the grain calls the mutations make (<see cref="IClusterClient"/>), with fixed ids and a fixed seed.
/// <para>
/// <b>History.</b> Grains read time from the <see cref="DemoClock"/>. It starts 90 days in the past; the loader runs
/// the plan's steps day by day, moving the clock to each day first; the steps of one day run in parallel lanes (one
/// per item with its orders, so each item's story keeps its order), each call carrying its own simulated minute
/// (<see cref="DemoClock.At"/>). Listing times, views, price changes,
/// payments, shipments (some after the ship-by deadline: late), deliveries, disputes, refunds, inspections, ratings
/// and cancellations therefore carry their simulated times, and figures, ageing, daily series, reference prices and
/// credit scores (tenure) come out as in a market that has lived for 90 days. At the end the clock joins real time
/// for good. No seller lists ten items within an hour (LISTING_BURST), except the one named "bulk lister".
/// </para>
/// <para>
/// <b>Deadlines.</b> Orleans reminders run on real time, so a deadline registered at a simulated time fires its
/// duration later in real time, where the grain compares it with "now". The plan therefore never lets a deadline
/// pass inside the simulation (payments follow placement within minutes, confirmations, disputes and inspection
/// reports come well before their deadlines, read from <c>Marketplace:Deadlines</c>), and the orders left open when
/// the days end were placed, paid, shipped, received or delivered within the last hours, so their deadlines lie
/// ahead: AWAITING_PAYMENT orders are placed 10–12 minutes before the end (so they expire like any unpaid order,
/// about 20 minutes after the load, unless paid), INSPECTING ones are refunded when their 48 h decision deadline
/// fires, DELIVERED ones complete when buyer protection ends (3 days after the load), PAID, SHIPPED,
/// SHIPPED_TO_INSPECTION and DISPUTED ones have no deadline that changes their status. A later start finds them as
/// those deadlines left them: a living market, not a frozen one.
/// </para>
/// <para>
/// <b>Once.</b> The plan's last order (the sentinel) is placed after every other step; when it exists the market
/// is complete and a start only checks it (levels, tokens) and joins real time at once. After an interrupted load,
/// a start runs the plan again: existing items, users and orders answer ALREADY_EXISTS or keep their state, and the
/// steps that would count twice (views, favorites, price changes) are skipped for items that already existed.
/// </para>
/// <para>
/// <b>Checks.</b> After loading, each demo seller's computed level (the seller grain's) must be the level its name
/// announces; otherwise the start fails.
/// </para>
/// </summary>
public sealed class DemoDataLoader(
    IClusterClient grains, DemoClock clock, IOptions<DemoDataOptions> options, IOptions<MarketplaceOptions> marketplace, ILogger<DemoDataLoader> logger)
{
    private static readonly CallerContext Admin = CallerContext.Admin();
    private static readonly CallerContext Inspector = new(DemoMarketPlan.InspectorId, [Role.USER, Role.INSPECTOR]);
    private static readonly CallerContext Operator = new(DemoMarketPlan.OperatorId, [Role.USER, Role.OPERATOR]);

    /// <summary>Error codes a step may answer when it ran before (an earlier, interrupted load).</summary>
    private static readonly HashSet<string> RepeatCodes =
        [ErrorCodes.AlreadyExists, ErrorCodes.InvalidState, ErrorCodes.ItemNotAvailable, ErrorCodes.DeadlinePassed];

    private readonly ConcurrentDictionary<string, bool> _preExisting = new();
    private int _calls;
    private int _unexpected;

    /// <summary>The plan for a load ending now (ids and structure do not depend on the time).</summary>
    public DemoMarketPlan PlanFor(DateTimeOffset end)
    {
        var o = options.Value;
        return DemoMarketPlan.Create(new DemoPlanSettings(
            new DateTimeOffset(end.Ticks - end.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero), o.Scale, o.Seed, o.HistoryDays, marketplace.Value.Deadlines));
    }

    public async Task<DemoLoadResult> LoadAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var plan = PlanFor(TimeProvider.System.GetUtcNow());
        if (await grains.GetGrain<IOrderGrain>(plan.Sentinel.Id).GetAsync() is not null)
        {
            clock.JoinRealTime();
            await CheckLevelsAsync(plan);
            var again = $"the demo market is already loaded in this store (checked in {stopwatch.Elapsed.TotalSeconds:0.0} s)";
            return new DemoLoadResult(plan, true, stopwatch.Elapsed, 0, 0, again);
        }
        if (clock.HasJoinedRealTime)
            throw new InvalidOperationException("The demo clock has joined real time already: the demo market's history can only be generated at start.");

        logger.LogInformation(
            "Generating the demo market: {Days} days of history, {Items} items, {Sellers} sellers, {Buyers} buyers, {Orders} orders, {Steps} grain calls (scale {Scale})",
            plan.Settings.HistoryDays, plan.Items.Count, plan.Sellers.Count, plan.Buyers.Count, plan.Orders.Count, plan.Steps.Count + 1, plan.Settings.Scale);
        clock.MoveTo(plan.Start);
        await CreateCatalogAsync();
        // The SQLite store writes synchronously (Microsoft.Data.Sqlite has no real async I/O), so a grain waiting for the
        // file's write lock holds a pool thread; with the pool's slow thread injection the parallel lanes would starve.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 4 * options.Value.Parallelism), io);
        try
        {
            await RunStepsAsync(plan, stopwatch, cancellationToken);
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, io);
        }
        Interlocked.Add(ref _unexpected, await DemoOffers.RunAsync(grains, plan, logger));
        clock.MoveTo(plan.End - TimeSpan.FromMinutes(10));
        Interlocked.Add(ref _unexpected, await DemoRentals.LoadAsync(grains, plan, logger));
        await RunAsync(new PlaceStep(plan.Sentinel) { At = plan.End - TimeSpan.FromMinutes(10), Lane = "sentinel" });
        clock.JoinRealTime();
        var generated = stopwatch.Elapsed;
        logger.LogInformation("Demo market generated in {Seconds:0.0} s ({Calls} calls); waiting for the figures to catch up", generated.TotalSeconds, _calls);

        await WaitForFiguresAsync(plan, cancellationToken);
        await CheckLevelsAsync(plan);
        var summary = await SummaryAsync(plan, stopwatch.Elapsed, generated);
        if (_unexpected > 0) logger.LogWarning("Demo market: {Count} grain calls answered an unexpected error (see the warnings above).", _unexpected);
        return new DemoLoadResult(plan, false, stopwatch.Elapsed, _calls, _unexpected, summary);
    }

    private async Task CreateCatalogAsync()
    {
        foreach (var region in DemoMarketCatalog.Regions)
            Check("region " + region.Id, await grains.GetGrain<IRegionGrain>(region.Id).CreateAsync(region.Name, Admin));
        // Parents first (the catalog lists roots first).
        foreach (var c in DemoMarketCatalog.Categories)
            Check("category " + c.Id, await grains.GetGrain<ICategoryGrain>(c.Id).CreateAsync(new CreateCategory(c.Name, c.ParentId, c.HighValue, c.Bounds), Admin));
    }

    /// <summary>
    /// Day by day: the clock moves to the day, the day's new users are created, then the day's lanes run in parallel,
    /// each lane's steps in order and each step at its own simulated minute (<see cref="DemoClock.At"/>).
    /// </summary>
    private async Task RunStepsAsync(DemoMarketPlan plan, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Parallelism), CancellationToken = cancellationToken };
        var done = 0;
        var nextReport = 10;
        foreach (var day in plan.Steps.GroupBy(s => (int)Math.Floor((s.At - plan.Start).TotalDays)))
        {
            var steps = day.ToList();
            clock.MoveTo(steps[0].At);
            foreach (var user in steps.OfType<CreateUserStep>()) await RunAsync(user);
            var lanes = steps.Where(s => s is not CreateUserStep).GroupBy(s => s.Lane).Select(g => g.ToList()).ToList();
            await Parallel.ForEachAsync(lanes, parallel, async (lane, _) =>
            {
                foreach (var step in lane) await RunAsync(step);
            });
            done += steps.Count;
            if (day.Key + 1 >= nextReport)
            {
                logger.LogInformation("Demo market: day {Day} of {Days}, {Done}/{Total} grain calls, {Seconds:0.0} s",
                    day.Key + 1, plan.Settings.HistoryDays, done, plan.Steps.Count, stopwatch.Elapsed.TotalSeconds);
                nextReport += 10;
            }
        }
    }

    private Task RunAsync(DemoStep step) => DemoClock.At(step.At, async () =>
    {
        await RunStepAsync(step);
        return true;
    });

    private async Task RunStepAsync(DemoStep step)
    {
        Interlocked.Increment(ref _calls);
        switch (step)
        {
            case CreateUserStep s:
                Check(step, await grains.GetGrain<IUserGrain>(s.User.Id).CreateAsync(s.User.DisplayName, s.User.RegionId));
                foreach (var role in s.User.Roles) Check(step, await grains.GetGrain<IUserGrain>(s.User.Id).GrantRoleAsync(role, Admin));
                break;
            case ListStep s:
            {
                var i = s.Item;
                var result = await Item(i).ListAsync(
                    new ListItem(i.Title, i.Description, i.CategoryId, i.RegionId, i.Grade, i.Price, i.AccessoriesComplete, i.RepairHistory), Seller(i));
                if (result.Error?.Code == ErrorCodes.AlreadyExists) _preExisting[step.Lane] = true;
                else Check(step, result);
                break;
            }
            case ViewStep s:
                if (!Repeat(step)) Check(step, await Item(s.Item).RecordViewAsync());
                break;
            case FavoriteStep s:
                if (!Repeat(step)) Check(step, await Item(s.Item).FavoriteAsync(CallerContext.User(s.BuyerId)));
                break;
            case ChangePriceStep s:
                if (!Repeat(step)) Check(step, await Item(s.Item).ChangePriceAsync(s.Price, Seller(s.Item)));
                break;
            case DelistStep s:
                Check(step, await Item(s.Item).DelistAsync(Seller(s.Item)));
                break;
            case SelfPurchaseStep s:
            {
                var attempt = await grains.GetGrain<IOrderGrain>(OrderIds.ForPlacement(s.Item.SellerId, s.Key))
                    .PlaceAsync(new PlaceOrder(s.Item.Id, false, s.Key), Seller(s.Item));
                if (attempt.Error?.Code != ErrorCodes.SelfPurchase) Check(step, attempt);
                break;
            }
            case OrderStep s:
                Check(step, await RunOrderStepAsync(s));
                break;
        }
    }

    private Task<Result<OrderView>> RunOrderStepAsync(OrderStep step)
    {
        var o = step.Order;
        var order = grains.GetGrain<IOrderGrain>(o.Id);
        var buyer = CallerContext.User(o.BuyerId);
        return step switch
        {
            PlaceStep => order.PlaceAsync(new PlaceOrder(o.Item.Id, o.WithInspection, o.Key), buyer),
            PayStep => order.PayAsync("pay-" + o.Key, buyer),
            ShipStep => order.ShipAsync("SF" + o.Id[^10..].ToUpperInvariant(), Seller(o.Item)),
            ReceiveStep => order.ReceiveForInspectionAsync(Inspector),
            ReportStep r => order.SubmitInspectionReportAsync(r.Report, Inspector),
            DeliverStep => order.MarkDeliveredAsync(Operator),
            ConfirmStep => order.ConfirmReceiptAsync(buyer),
            RateStep r => order.RateSellerAsync(r.Stars, buyer),
            DisputeStep d => order.OpenDisputeAsync(d.Reason, buyer),
            ResolveStep r => order.ResolveDisputeAsync(r.Outcome, r.RefundAmount, Operator),
            CancelStep c => order.CancelAsync(c.Reason, c.BySeller ? Seller(o.Item) : buyer),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown order step."),
        };
    }

    private IItemGrain Item(DemoItem item) => grains.GetGrain<IItemGrain>(item.Id);
    private static CallerContext Seller(DemoItem item) => CallerContext.User(item.SellerId);
    private bool Repeat(DemoStep step) => _preExisting.ContainsKey(step.Lane);

    private void Check<T>(object what, Result<T> result)
    {
        if (result.Error is not { } error) return;
        if (error.Code == ErrorCodes.AlreadyExists) return;
        if (what is DemoStep step && Repeat(step) && RepeatCodes.Contains(error.Code)) return;
        if (Interlocked.Increment(ref _unexpected) <= 10)
            logger.LogWarning("Demo market: {Step} answered {Code}: {Message}", Describe(what), error.Code, error.Message);
    }

    private static string Describe(object what) => what switch
    {
        OrderStep s => $"{s.GetType().Name} of order {s.Order.Id} (item {s.Order.Item.Id}) at {s.At:u}",
        ListStep s => $"listing {s.Item.Id} at {s.At:u}",
        DemoStep s => $"{s.GetType().Name} ({s.Lane}) at {s.At:u}",
        _ => what.ToString() ?? "",
    };

    /// <summary>The figures are fed asynchronously (streams): wait until the platform has seen every item and sale.</summary>
    private async Task WaitForFiguresAsync(DemoMarketPlan plan, CancellationToken cancellationToken)
    {
        var dashboard = grains.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey);
        var items = plan.Items.Count;
        var sold = plan.Orders.Count(o => o.FinalStatus == OrderStatus.COMPLETED);
        var deadline = Stopwatch.StartNew();
        string? previous = null;
        while (true)
        {
            var stats = await dashboard.GetStatsAsync(new StatsQuery(StatsWindow.AllTime, DailyDays: 0));
            // The plan's counts first, then a second of quiet: the last steps (offers, rentals, the sentinel's
            // reservation) reach the aggregates after the counted ones.
            var figures = $"{stats.ActiveListings} {stats.NewListings} {stats.Sold} {stats.Gmv} {stats.Views}";
            if (stats.NewListings >= items && stats.Sold >= sold)
            {
                if (figures == previous) return;
                previous = figures;
                await Task.Delay(1000, cancellationToken);
                continue;
            }
            if (deadline.Elapsed > options.Value.FiguresPatience)
            {
                logger.LogWarning("Demo market: the figures have not caught up after {Seconds:0} s ({Listed}/{Items} listings, {Sold}/{Planned} sales); they will.",
                    deadline.Elapsed.TotalSeconds, stats.NewListings, items, stats.Sold, sold);
                return;
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Fails the start when a demo seller's computed level is not the level its name announces.</summary>
    public async Task CheckLevelsAsync(DemoMarketPlan plan)
    {
        var profiles = await Task.WhenAll(plan.Sellers.Select(s => grains.GetGrain<ISellerGrain>(s.Id).GetProfileAsync()));
        var wrong = plan.Sellers.Zip(profiles)
            .Where(p => DemoMarketPlan.LevelInName(p.First.User.DisplayName) != p.Second.Level)
            .Select(p => $"{p.First.Id} '{p.First.User.DisplayName}' is {p.Second.Level} (score {p.Second.CreditScore})")
            .ToList();
        if (wrong.Count > 0)
            throw new InvalidOperationException("Demo market: seller names contradict their computed levels: " + string.Join("; ", wrong));
    }

    private async Task<string> SummaryAsync(DemoMarketPlan plan, TimeSpan elapsed, TimeSpan generated)
    {
        var dashboard = grains.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey);
        var stats = await dashboard.GetStatsAsync(new StatsQuery(StatsWindow.AllTime, DailyDays: 0));
        var alerts = await dashboard.GetAlertsAsync(10_000);
        var statuses = string.Join(", ", plan.Orders.GroupBy(o => o.FinalStatus).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
        var alertCounts = string.Join(", ", alerts.GroupBy(a => a.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
        var levels = string.Join(", ", plan.Sellers.GroupBy(s => s.Level).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
        return $"{plan.Items.Count} items over {DemoMarketCatalog.Categories.Count(c => c.IsLeaf)} categories and {DemoMarketCatalog.Regions.Count} regions " +
            $"({stats.ActiveListings} listed, {stats.Sold} sold, {stats.SlowMoving} slow-moving, {stats.Views} views, avg {stats.AvgDaysToSell:0.0} days to sell); " +
            $"{plan.Sellers.Count} sellers ({levels}), {plan.Buyers.Count} buyers; {plan.Orders.Count} orders ({statuses}); alerts: {alertCounts}; " +
            $"{plan.Settings.HistoryDays} days generated in {generated.TotalSeconds:0.0} s ({_calls} grain calls), figures ready after {elapsed.TotalSeconds:0.0} s";
    }
}
