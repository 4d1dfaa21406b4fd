using Marketplace.Grains.Analytics;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Inspections;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Trust;

namespace Marketplace.Gateway.Demo;

/// <param name="End">The end of the simulated days (the loader uses the real time it starts at).</param>
/// <param name="Scale">1 = about 2,400 items; tests use less. Every kind of seller and every order status exists at any scale.</param>
public sealed record DemoPlanSettings(DateTimeOffset End, double Scale = 1, int Seed = 20260512, int HistoryDays = 90, DeadlineOptions? Deadlines = null);

/// <summary>
/// The demo market as a deterministic plan: who joins when, which items are listed when, viewed, marked down,
/// favorited and ordered, and how each order goes on, as grain calls at simulated times (<see cref="Steps"/>).
/// Same settings, same plan (a fixed seed; ids are fixed; times are relative to <see cref="DemoPlanSettings.End"/>).
/// The plan also computes the seller counters its orders will produce and checks, before anything runs, that each
/// seller's computed level (<see cref="SellerLevels"/>) is the one its name says, now and once the open deliveries
/// complete by themselves.
/// </summary>
public sealed class DemoMarketPlan
{
    public const string OperatorId = "demo-operator";
    public const string InspectorId = "demo-inspector";

    private DemoMarketPlan() { }

    public required DemoPlanSettings Settings { get; init; }
    public DateTimeOffset Start => Settings.End - TimeSpan.FromDays(Settings.HistoryDays);
    public DateTimeOffset End => Settings.End;
    public required IReadOnlyList<DemoUser> Staff { get; init; }
    public required IReadOnlyList<DemoSeller> Sellers { get; init; }
    public required IReadOnlyList<DemoUser> Buyers { get; init; }
    public required IReadOnlyList<DemoItem> Items { get; init; }
    public required IReadOnlyList<DemoOrder> Orders { get; init; }
    /// <summary>Every step, by time; within one lane in the order they must run.</summary>
    public required IReadOnlyList<DemoStep> Steps { get; init; }
    /// <summary>Counters per seller when the simulated days end, and once DELIVERED orders complete at their buyer-protection deadline.</summary>
    public required IReadOnlyDictionary<string, (SellerCounters Now, SellerCounters Eventually)> Counters { get; init; }
    /// <summary>Placed last, after everything else has run: when it exists, an earlier load finished.</summary>
    public required DemoOrder Sentinel { get; init; }
    public required string TokenSellerId { get; init; }
    public required string TokenBuyerId { get; init; }
    public string BulkListerId => Sellers.Single(s => s.Kind == DemoSellerKind.BulkLister).Id;

    public IEnumerable<DemoUser> Users => Staff.Concat(Sellers.Select(s => s.User)).Concat(Buyers);

    public static DemoMarketPlan Create(DemoPlanSettings settings) => new Generator(settings).Build();

    /// <summary>A seller's display name ends with the level it announces: " · Top Rated", " · Above Standard", " · Below Standard".</summary>
    public static string LevelTag(SellerLevel level) => level switch
    {
        SellerLevel.TOP_RATED => "Top Rated",
        SellerLevel.BELOW_STANDARD => "Below Standard",
        _ => "Above Standard",
    };

    /// <summary>The level a display name announces (the text after the last " · "), or null.</summary>
    public static SellerLevel? LevelInName(string displayName)
    {
        var at = displayName.LastIndexOf(" · ", StringComparison.Ordinal);
        if (at < 0) return null;
        var tag = displayName[(at + 3)..];
        foreach (var level in Enum.GetValues<SellerLevel>())
            if (tag == LevelTag(level)) return level;
        return null;
    }

    private enum Ending { Complete, BuyerCancel, SellerCancel, InspectionMismatch, InspectionFake, DisputeRelease, DisputeRefund, DisputePartial }

    /// <summary>What is decided about an order before its steps are laid out (late flags are adjusted afterwards).</summary>
    private sealed class Intent
    {
        public required DemoOrder Order { get; init; }
        public required DateTimeOffset PlaceAt { get; init; }
        public Ending Ending { get; init; }
        public bool Late { get; set; }
        public int? Stars { get; init; }
        /// <summary>Showcase orders: fixed short step times, stopping once this status is reached.</summary>
        public OrderStatus? StopAfter { get; init; }
        public int Seed { get; init; }
    }

    private sealed class Generator(DemoPlanSettings settings)
    {
        private readonly Random _rng = new(settings.Seed);
        private readonly DeadlineOptions _deadlines = settings.Deadlines ?? new DeadlineOptions();
        private readonly DateTimeOffset _start = settings.End - TimeSpan.FromDays(settings.HistoryDays);
        private readonly List<DemoSeller> _sellers = [];
        private readonly List<DemoUser> _buyers = [];
        private readonly List<double> _buyerWeights = [];
        private readonly List<DemoItem> _items = [];
        private readonly List<Intent> _intents = [];
        private readonly List<DemoStep> _steps = [];
        private readonly HashSet<int> _noDemand = [];
        private int _orderCount;

        private double Scale => Math.Max(0.01, settings.Scale);
        private DateTimeOffset End => settings.End;
        private double Days => settings.HistoryDays;

        private DateTimeOffset Day(double day) => Minute(_start + TimeSpan.FromDays(day));
        private static DateTimeOffset Minute(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        private double U(double min, double max) => min + _rng.NextDouble() * (max - min);
        private bool Chance(double p) => _rng.NextDouble() < p;
        private int Count(double atScaleOne, int minimum) => Math.Max(minimum, (int)Math.Round(atScaleOne * Scale));

        public DemoMarketPlan Build()
        {
            if (_deadlines.ShipBy < TimeSpan.FromHours(12) || _deadlines.BuyerProtection < TimeSpan.FromHours(12) ||
                _deadlines.InspectionDecision < TimeSpan.FromHours(12) || _deadlines.Payment < TimeSpan.FromMinutes(15))
                throw new InvalidOperationException(
                    "The demo market simulates hours and days: it needs Marketplace:Deadlines of at least 12 hours (ShipBy, BuyerProtection, InspectionDecision) and 15 minutes (Payment).");
            if (settings.HistoryDays < 30) throw new InvalidOperationException("The demo market needs at least 30 days of history.");

            var staff = new List<DemoUser>
            {
                new(OperatorId, "Olivia Chen (operator)", "shanghai", Day(0), [Role.OPERATOR]),
                new(InspectorId, "Ivan Xu (inspector)", "shanghai", Day(0), [Role.INSPECTOR]),
            };
            CreateSellers();
            CreateBuyers();
            foreach (var user in staff.Concat(_sellers.Select(s => s.User)).Concat(_buyers))
                _steps.Add(new CreateUserStep(user) { At = user.JoinedAt, Lane = "user:" + user.Id });

            foreach (var seller in _sellers) ListItems(seller);
            PlanSales();
            EnsureLevels();
            PlanShowcase();
            PlanFlakyBuyer();
            // Orders placed minutes before the simulated days end (still AWAITING_PAYMENT when the clock joins real time).
            var sentinel = PlanAwaitingPayment();
            FixLateShipmentsOfAboveStandardSellers();

            var counters = _sellers.ToDictionary(s => s.Id, s => Run(IntentsOf(s), emit: true));
            var orders = _intents.OrderBy(i => i.PlaceAt).Select(i => i.Order).ToList();
            foreach (var item in _items)
                PlanItemLife(item, _intents.Where(i => i.Order.Item == item).Select(i => i.PlaceAt).DefaultIfEmpty(End).Max());
            // The sentinel's placement is not among the steps: the loader places it after every other step has run.
            _steps.RemoveAll(s => s is PlaceStep p && p.Order == sentinel);

            var plan = new DemoMarketPlan
            {
                Settings = settings,
                Staff = staff,
                Sellers = _sellers,
                Buyers = _buyers,
                Items = _items,
                Orders = orders,
                Steps = [.. _steps.Select((s, i) => (s, i)).OrderBy(p => p.s.At).ThenBy(p => p.i).Select(p => p.s)],
                Counters = counters,
                Sentinel = sentinel,
                TokenSellerId = _sellers[0].Id,
                TokenBuyerId = _buyers[0].Id,
            };
            foreach (var seller in _sellers)
            {
                var (now, eventually) = counters[seller.Id];
                if (SellerLevels.Of(now) != seller.Level || SellerLevels.Of(eventually) != seller.Level)
                    throw new InvalidOperationException(
                        $"Demo plan: seller {seller.Id} '{seller.User.DisplayName}' would be {SellerLevels.Of(now)} (then {SellerLevels.Of(eventually)}), not {seller.Level}: {now}.");
            }
            return plan;
        }

        // ---------------------------------------------------------------- people

        private static readonly string[] FirstNames =
        [
            "Tina", "Marco", "Hui", "Leo", "Mei", "Jack", "Yan", "Sara", "Wei", "Nora", "Kai", "Lily", "Ming", "Zoe", "Hao", "Iris",
            "Jun", "Anna", "Tao", "Ruby", "Bin", "Cleo", "Feng", "Vera", "Jie", "Ada", "Long", "Ella", "Qiang", "Fay", "Rui", "Gus",
        ];

        private static readonly string[] Surnames =
            ["Zhou", "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Sun", "Ma", "Hu", "Guo", "He", "Lin", "Luo", "Song"];

        private int _names;

        private string NextName()
        {
            var n = _names++;
            return $"{FirstNames[n % FirstNames.Length]} {Surnames[(n * 7 + n / FirstNames.Length) % Surnames.Length]}";
        }

        private string HomeRegion(int n) => DemoMarketCatalog.Regions[n % DemoMarketCatalog.Regions.Count].Id;

        private void AddSeller(DemoSellerKind kind, SellerLevel level, double joinDay, string? note = null)
        {
            var n = _sellers.Count;
            var name = NextName();
            var slug = name.Split(' ')[0].ToLowerInvariant();
            var id = $"demo-seller-{slug}";
            if (_sellers.Any(s => s.Id == id)) id += "-" + n;
            var leaves = DemoMarketCatalog.Categories.Where(c => c.IsLeaf).ToArray();
            var specialties = kind switch
            {
                DemoSellerKind.Disputed or DemoSellerKind.NewAccount => ["phones", "laptops", "bags"],
                _ => Enumerable.Range(0, 3).Select(_ => leaves[_rng.Next(leaves.Length)].Id).Distinct().ToArray(),
            };
            var display = $"{name}{(note is null ? "" : $" ({note})")} · {LevelTag(level)}";
            _sellers.Add(new DemoSeller(new DemoUser(id, display, HomeRegion(n), Day(joinDay) + TimeSpan.FromHours(9), []), kind, level, specialties));
        }

        private void CreateSellers()
        {
            // The first seller's token is printed: a top-rated seller with history.
            for (var i = 0; i < Count(6, 2); i++) AddSeller(DemoSellerKind.TopRated, SellerLevel.TOP_RATED, U(0, 2));
            for (var i = 0; i < Count(16, 4); i++) AddSeller(DemoSellerKind.Regular, SellerLevel.ABOVE_STANDARD, U(0, 40));
            AddSeller(DemoSellerKind.LateShipper, SellerLevel.BELOW_STANDARD, U(5, 15), "ships late");
            AddSeller(DemoSellerKind.Canceller, SellerLevel.BELOW_STANDARD, U(10, 20), "cancels orders");
            AddSeller(DemoSellerKind.Disputed, SellerLevel.BELOW_STANDARD, U(2, 10), "disputes lost");
            AddSeller(DemoSellerKind.BulkLister, SellerLevel.ABOVE_STANDARD, U(30, 40), "bulk lister");
            AddSeller(DemoSellerKind.NewAccount, SellerLevel.ABOVE_STANDARD, Days - 7, "new account");
            for (var i = 0; i < Count(3, 2); i++) AddSeller(DemoSellerKind.Newcomer, SellerLevel.ABOVE_STANDARD, U(Days - 14, Days - 6), "newcomer");
        }

        private void CreateBuyers()
        {
            var count = Count(160, 24);
            for (var i = 0; i < count; i++)
            {
                var name = NextName();
                var joined = i < 8 ? U(0, 1) : U(0, Days * 0.6);
                _buyers.Add(new DemoUser($"demo-buyer-{i + 1:000}", name, HomeRegion(i + 3), Day(joined) + TimeSpan.FromHours(10), []));
                _buyerWeights.Add(1 / Math.Pow(i + 1, 0.7));
            }
        }

        private string PickBuyer(DateTimeOffset at, string? not = null)
        {
            var eligible = Enumerable.Range(0, _buyers.Count).Where(i => _buyers[i].JoinedAt < at - TimeSpan.FromHours(1) && _buyers[i].Id != not).ToList();
            if (eligible.Count == 0) return _buyers[0].Id;
            var total = eligible.Sum(i => _buyerWeights[i]);
            var pick = _rng.NextDouble() * total;
            foreach (var i in eligible)
            {
                pick -= _buyerWeights[i];
                if (pick <= 0) return _buyers[i].Id;
            }
            return _buyers[eligible[^1]].Id;
        }

        // ---------------------------------------------------------------- items

        private DemoCategory PickCategory(DemoSeller seller)
        {
            var leaves = DemoMarketCatalog.Categories.Where(c => c.IsLeaf).ToArray();
            if (Chance(0.7))
            {
                var specialty = seller.Specialties[_rng.Next(seller.Specialties.Length)];
                return leaves.First(c => c.Id == specialty);
            }
            var pick = _rng.Next(leaves.Sum(c => c.Weight));
            foreach (var c in leaves)
            {
                pick -= c.Weight;
                if (pick < 0) return c;
            }
            return leaves[^1];
        }

        private Grade PickGrade(DemoCategory category)
        {
            int[] weights = category.Id == "books" ? [10, 25, 30, 25, 10, 0] : [8, 22, 30, 22, 12, 6];
            var pick = _rng.Next(weights.Sum());
            for (var g = 0; g < weights.Length; g++)
            {
                pick -= weights[g];
                if (pick < 0) return (Grade)g;
            }
            return Grade.GOOD;
        }

        private static decimal Round(decimal price) =>
            price >= 100 ? Math.Max(1, Math.Round(price / 10m) * 10m - 1) : Math.Max(1, Math.Round(price, 0));

        private DemoItem NewItem(DemoSeller seller, DateTimeOffset listedAt, DemoCategory? category = null, Grade? grade = null, double? priceRatio = null)
        {
            category ??= PickCategory(seller);
            var g = grade ?? PickGrade(category);
            var ratio = priceRatio ?? U(0.82, 1.18);
            var price = Round(category.NewPrice * GradeFactors.Of(g) * (decimal)ratio);
            var title = category.Titles![_rng.Next(category.Titles.Length)];
            var accessories = g == Grade.NEW || Chance(0.8);
            IReadOnlyList<string> repairs = g >= Grade.GOOD && Chance(0.08) ? ["battery replaced at an authorised service centre"] : [];
            var region = Chance(0.9) ? seller.User.RegionId : HomeRegion(_rng.Next(8));
            var index = _items.Count;
            var description = $"{title}, {DemoMarketCatalog.GradeWords(g)}. " +
                (accessories ? "Box and all accessories included." : "No original box; charger only.") +
                $" Ships from {DemoMarketCatalog.Regions.First(r => r.Id == region).Name}.";
            var item = new DemoItem(index, $"demo-item-{index + 1:0000}", seller.Id, category.Id, region, title, description,
                g, price, accessories, repairs, listedAt);
            _items.Add(item);
            return item;
        }

        private DateTimeOffset DaytimeOn(double day) => Day(Math.Floor(day)) + TimeSpan.FromHours(8 + _rng.Next(14)) + TimeSpan.FromMinutes(_rng.Next(50));

        private void ListItems(DemoSeller seller)
        {
            var join = (seller.User.JoinedAt - _start).TotalDays;
            switch (seller.Kind)
            {
                case DemoSellerKind.NewAccount:
                    // Far below the reference price in high-value categories: PRICE_ANOMALY alerts, and nobody buys in time.
                    double[] ratios = [0.25, 0.35, 0.4, 0.45];
                    for (var i = 0; i < ratios.Length; i++)
                    {
                        var category = DemoMarketCatalog.Categories.First(c => c.Id == (i % 2 == 0 ? "phones" : "laptops"));
                        var item = NewItem(seller, DaytimeOn(join + 1 + i * 1.5), category, Grade.LIKE_NEW, ratios[i]);
                        _noDemand.Add(item.Index);
                    }
                    // ... and tries to buy one of them (SELF_DEALING).
                    var own = _items[^ratios.Length];
                    _steps.Add(new SelfPurchaseStep(own, "demo-self-purchase") { At = DaytimeOn(Days - 1), Lane = "item:" + own.Id });
                    return;
                case DemoSellerKind.BulkLister:
                    // A real burst: 12 listings within 40 minutes one morning (LISTING_BURST, on purpose).
                    var burst = Day(Math.Floor(Days - 15)) + TimeSpan.FromHours(10);
                    for (var i = 0; i < 12; i++) NewItem(seller, burst + TimeSpan.FromMinutes(3 * i));
                    break;
            }
            var count = seller.Kind switch
            {
                DemoSellerKind.TopRated => Count(190 * U(0.8, 1.2), 40),
                DemoSellerKind.Regular => Count(80 * U(0.5, 1.5), 12),
                DemoSellerKind.LateShipper => Count(50, 14),
                DemoSellerKind.Canceller => Count(45, 14),
                DemoSellerKind.Disputed => Count(50, 16),
                DemoSellerKind.BulkLister => Count(20, 4),
                _ => 3 + _rng.Next(4),
            };
            // Spread over the seller's days, one listing per slot: never ten within an hour.
            var from = join + 0.1;
            var span = Days - 0.5 - from;
            for (var i = 0; i < count; i++) NewItem(seller, DaytimeOn(from + (i + U(0.05, 0.95)) / count * span));
        }

        // ---------------------------------------------------------------- sales

        private void PlanSales()
        {
            foreach (var item in _items.OrderBy(i => i.ListedAt))
            {
                if (_noDemand.Contains(item.Index)) continue;
                var seller = _sellers.First(s => s.Id == item.SellerId);
                var category = DemoMarketCatalog.Categories.First(c => c.Id == item.CategoryId);
                var ratio = (double)(item.Price / (category.NewPrice * GradeFactors.Of(item.Grade)));
                if (Chance(seller.Kind == DemoSellerKind.TopRated ? 0.08 : 0.15)) continue; // nobody wants it
                var mean = 11 * Math.Pow(ratio, 4) * (seller.Kind == DemoSellerKind.TopRated ? 0.75 : 1.0);
                var delay = 0.2 - mean * Math.Log(1 - _rng.NextDouble());
                var placeAt = DaytimeOn((item.ListedAt - _start).TotalDays + delay);
                if (placeAt <= item.ListedAt + TimeSpan.FromHours(1)) placeAt = item.ListedAt + TimeSpan.FromHours(2);
                if (placeAt >= End - TimeSpan.FromHours(1)) continue;
                if (placeAt - item.ListedAt > TimeSpan.FromHours(3) && Chance(0.04))
                {
                    // Another buyer ordered first and cancelled before paying.
                    var cancelAt = Minute(item.ListedAt + (placeAt - item.ListedAt) * U(0.2, 0.6));
                    AddIntent(item, PickBuyer(cancelAt), cancelAt, Ending.BuyerCancel);
                }
                AddIntent(item, PickBuyer(placeAt), placeAt, NaturalEnding(seller, item), Stars(seller));
            }
        }

        private Ending NaturalEnding(DemoSeller seller, DemoItem item)
        {
            var inspectable = DemoMarketCatalog.Categories.First(c => c.Id == item.CategoryId).HighValue;
            return seller.Kind switch
            {
                DemoSellerKind.Regular when inspectable && Chance(0.06) => Ending.InspectionMismatch,
                DemoSellerKind.TopRated or DemoSellerKind.Regular or DemoSellerKind.LateShipper when Chance(0.04) => Ending.DisputeRelease,
                DemoSellerKind.Disputed when Chance(0.08) => Ending.DisputeRefund,
                DemoSellerKind.Canceller when Chance(0.05) => Ending.SellerCancel,
                _ => Ending.Complete,
            };
        }

        private int? Stars(DemoSeller seller)
        {
            if (!Chance(0.85)) return null;
            var r = _rng.NextDouble();
            return seller.Kind switch
            {
                DemoSellerKind.TopRated => r < 0.8 ? 5 : r < 0.97 ? 4 : 3,
                DemoSellerKind.LateShipper or DemoSellerKind.Canceller or DemoSellerKind.Disputed => r < 0.2 ? 5 : r < 0.45 ? 4 : r < 0.7 ? 3 : r < 0.9 ? 2 : 1,
                _ => r < 0.55 ? 5 : r < 0.88 ? 4 : r < 0.97 ? 3 : 2,
            };
        }

        private Intent AddIntent(DemoItem item, string buyerId, DateTimeOffset placeAt, Ending ending, int? stars = null, OrderStatus? stopAfter = null, bool? inspection = null)
        {
            var n = ++_orderCount;
            var key = $"demo-order-{n:00000}";
            var highValue = DemoMarketCatalog.Categories.First(c => c.Id == item.CategoryId).HighValue;
            var withInspection = inspection ?? (ending is Ending.InspectionMismatch or Ending.InspectionFake || (highValue && ending != Ending.BuyerCancel && Chance(0.3)));
            var order = new DemoOrder(OrderIds.ForPlacement(buyerId, key), key, item, buyerId, withInspection);
            var intent = new Intent { Order = order, PlaceAt = placeAt, Ending = ending, Stars = stars, StopAfter = stopAfter, Seed = _rng.Next() };
            _intents.Add(intent);
            return intent;
        }

        private IEnumerable<DemoItem> ItemsOf(DemoSeller seller) => _items.Where(i => i.SellerId == seller.Id);
        private bool HasOrder(DemoItem item) => _intents.Any(i => i.Order.Item == item);
        private List<Intent> IntentsOf(DemoSeller seller) => [.. _intents.Where(i => i.Order.Item.SellerId == seller.Id)];

        /// <summary>Unsold items of the seller listed early enough for a whole order before the end, oldest first.</summary>
        private IEnumerable<DemoItem> FreeItems(DemoSeller seller, TimeSpan before) =>
            ItemsOf(seller).Where(i => !HasOrder(i) && !_noDemand.Contains(i.Index) && i.ListedAt < End - before).OrderBy(i => i.ListedAt);

        private DateTimeOffset SoonAfter(DemoItem item, double maxDays) =>
            DaytimeOn((item.ListedAt - _start).TotalDays + U(0.5, Math.Max(0.6, Math.Min(maxDays, (End - item.ListedAt).TotalDays - 8))));

        /// <summary>Forces the histories the levels in the names need (top sellers' volume, the below-standard sellers' defects).</summary>
        private void EnsureLevels()
        {
            foreach (var seller in _sellers)
            {
                switch (seller.Kind)
                {
                    case DemoSellerKind.TopRated:
                        // At least 24 completed sales, well above the 20 TOP_RATED needs.
                        var completed = IntentsOf(seller).Count(i => i.Ending is Ending.Complete or Ending.DisputeRelease && i.PlaceAt < End - TimeSpan.FromDays(8));
                        foreach (var item in FreeItems(seller, TimeSpan.FromDays(10)).Take(Math.Max(0, 24 - completed)).ToList())
                        {
                            var at = SoonAfter(item, 6);
                            AddIntent(item, PickBuyer(at), at, Ending.Complete, Stars(seller));
                        }
                        break;
                    case DemoSellerKind.LateShipper:
                    {
                        EnsureOrders(seller, 8);
                        var settled = IntentsOf(seller).Where(i => i.Ending == Ending.Complete && i.PlaceAt < End - TimeSpan.FromDays(10)).ToList();
                        foreach (var intent in settled.Where((_, n) => n % 3 == 0)) intent.Late = true; // about a third: far above 10 %
                        break;
                    }
                    case DemoSellerKind.Canceller:
                    {
                        EnsureOrders(seller, 8);
                        // Three seller cancellations within the last 25 days: BELOW_STANDARD and REPEATED_CANCELLATIONS.
                        var items = FreeItems(seller, TimeSpan.FromDays(26)).Take(3).ToList();
                        if (items.Count < 3) items = [.. ItemsOf(seller).Where(i => !HasOrder(i)).OrderBy(i => i.ListedAt).Take(3)];
                        for (var n = 0; n < items.Count; n++)
                        {
                            var at = DaytimeOn(Days - 24 + n * 7);
                            if (at <= items[n].ListedAt) at = items[n].ListedAt + TimeSpan.FromHours(3);
                            AddIntent(items[n], PickBuyer(at), at, Ending.SellerCancel);
                        }
                        break;
                    }
                    case DemoSellerKind.Disputed:
                    {
                        EnsureOrders(seller, 10);
                        Ending[] troubles = [Ending.DisputeRefund, Ending.DisputePartial, Ending.InspectionFake, Ending.InspectionMismatch];
                        var items = FreeItems(seller, TimeSpan.FromDays(12)).Take(troubles.Length).ToList();
                        for (var n = 0; n < items.Count; n++)
                        {
                            var at = SoonAfter(items[n], 5);
                            AddIntent(items[n], PickBuyer(at), at, troubles[n], troubles[n] == Ending.DisputePartial ? 2 : null);
                        }
                        break;
                    }
                }
            }
        }

        private void EnsureOrders(DemoSeller seller, int minimum)
        {
            var have = IntentsOf(seller).Count(i => i.PlaceAt < End - TimeSpan.FromDays(10));
            foreach (var item in FreeItems(seller, TimeSpan.FromDays(14)).Take(Math.Max(0, minimum - have)).ToList())
            {
                var at = SoonAfter(item, 5);
                AddIntent(item, PickBuyer(at), at, Ending.Complete, Stars(seller));
            }
        }

        /// <summary>
        /// Orders caught in the middle when the simulated days end, one per status an order can rest in, on
        /// regular sellers' items (one on the token seller's, for the token buyer): their step times are fixed
        /// and short, and their deadlines lie ahead of the end (see <see cref="DemoDataLoader"/>).
        /// </summary>
        private void PlanShowcase()
        {
            var regulars = _sellers.Where(s => s.Kind == DemoSellerKind.Regular).ToList();
            var n = 0;
            void Showcase(OrderStatus stop, TimeSpan beforeEnd, bool inspection, Ending ending = Ending.Complete, DemoSeller? seller = null, string? buyer = null)
            {
                seller ??= regulars[n++ % regulars.Count];
                var placeAt = Minute(End - beforeEnd);
                var item = FreeItems(seller, beforeEnd + TimeSpan.FromDays(1)).FirstOrDefault(i => !inspection || IsHighValue(i))
                    ?? NewItem(seller, placeAt - TimeSpan.FromDays(3 + n), inspection ? DemoMarketCatalog.Categories.First(c => c.Id == "cameras") : null);
                AddIntent(item, buyer ?? PickBuyer(placeAt), placeAt, ending, stopAfter: stop, inspection: inspection);
            }
            Showcase(OrderStatus.PAID, TimeSpan.FromHours(5), false, seller: _sellers[0], buyer: _buyers[0].Id);
            Showcase(OrderStatus.PAID, TimeSpan.FromHours(6), false);
            Showcase(OrderStatus.PAID, _deadlines.ShipBy + TimeSpan.FromHours(10), false); // ship-by passed: the buyer may cancel
            Showcase(OrderStatus.SHIPPED, TimeSpan.FromHours(20), false);
            Showcase(OrderStatus.SHIPPED, TimeSpan.FromHours(22), false);
            Showcase(OrderStatus.SHIPPED_TO_INSPECTION, TimeSpan.FromHours(10), true);
            Showcase(OrderStatus.INSPECTING, TimeSpan.FromHours(20), true);
            Showcase(OrderStatus.DELIVERED, TimeSpan.FromHours(40), false, buyer: _buyers[0].Id);
            Showcase(OrderStatus.DELIVERED, TimeSpan.FromHours(60), true);
            Showcase(OrderStatus.DISPUTED, TimeSpan.FromHours(60), false, Ending.DisputeRelease);
        }

        private static bool IsHighValue(DemoItem item) => DemoMarketCatalog.Categories.First(c => c.Id == item.CategoryId).HighValue;

        /// <summary>A buyer who orders and cancels before paying, four times in the last 25 days (REPEATED_CANCELLATIONS).</summary>
        private void PlanFlakyBuyer()
        {
            var flaky = _buyers[^1].Id;
            var candidates = _sellers.Where(s => s.Kind is DemoSellerKind.Regular or DemoSellerKind.TopRated)
                .SelectMany(s => FreeItems(s, TimeSpan.FromDays(26))).Take(4).ToList();
            for (var n = 0; n < candidates.Count; n++)
                AddIntent(candidates[n], flaky, DaytimeOn(Days - 24 + n * 6), Ending.BuyerCancel);
        }

        /// <summary>
        /// An above-standard seller with 20 or more completed orders and no late shipment would be TOP_RATED: such
        /// sellers ship a few orders late, ceil(5 %) of their shipments (more than 3 %, at most 10 % from 20 on).
        /// </summary>
        private void FixLateShipmentsOfAboveStandardSellers()
        {
            foreach (var seller in _sellers.Where(s => s.Level == SellerLevel.ABOVE_STANDARD))
            {
                var (_, eventually) = DryRun(seller);
                if (eventually.Completed < SellerLevels.MinCompletedForTopRated) continue;
                var late = (int)Math.Ceiling(0.05 * eventually.Shipped);
                foreach (var intent in IntentsOf(seller).Where(i => i.Ending == Ending.Complete && i.StopAfter is null && i.PlaceAt < End - TimeSpan.FromDays(15))
                             .OrderBy(i => i.PlaceAt).Take(late))
                    intent.Late = true;
            }
        }

        private (SellerCounters Now, SellerCounters Eventually) DryRun(DemoSeller seller) => Run(IntentsOf(seller), emit: false);

        /// <summary>Lays out the orders of one seller (by placement time); their counters when the days end and once open deliveries complete.</summary>
        private (SellerCounters Now, SellerCounters Eventually) Run(IEnumerable<Intent> intents, bool emit)
        {
            var counters = new SellerCounters();
            var delivered = 0;
            foreach (var intent in intents.OrderBy(i => i.PlaceAt))
            {
                var (next, left) = LayOut(intent, counters, emit);
                counters = next;
                if (left) delivered++;
            }
            return (counters, counters with { Completed = counters.Completed + delivered });
        }

        // ---------------------------------------------------------------- order steps

        /// <summary>
        /// The steps of one order from its intent, cut where the simulated days end; the seller counters they produce.
        /// Times follow the configured deadlines: paid within minutes, shipped before ship-by (or after it, when late),
        /// inspected and confirmed or disputed well inside the inspection and buyer-protection deadlines.
        /// </summary>
        private (SellerCounters Counters, bool LeftDelivered) LayOut(Intent intent, SellerCounters c, bool emit)
        {
            var rng = new Random(intent.Seed);
            double R(double min, double max) => min + rng.NextDouble() * (max - min);
            TimeSpan H(double hours) => TimeSpan.FromMinutes(Math.Round(hours * 60));
            var fixedTimes = intent.StopAfter is not null;
            var order = intent.Order;
            var item = order.Item;
            var lane = "item:" + item.Id;
            var at = intent.PlaceAt;
            var stopped = false;
            if (emit) order.Passed.Clear();

            bool Step(DemoStep step, params OrderStatus[] entered)
            {
                if (stopped || step.At >= End) return stopped = true;
                if (emit)
                {
                    _steps.Add(step);
                    order.Passed.AddRange(entered);
                    if (entered.Length > 0) order.FinalStatus = entered[^1];
                }
                if (intent.StopAfter is { } stop && entered.Contains(stop)) stopped = true;
                return false;
            }

            if (Step(new PlaceStep(order) { At = at, Lane = lane }, OrderStatus.AWAITING_PAYMENT)) return (c, false);
            c = c with { Orders = c.Orders + 1, FirstActivityAt = c.FirstActivityAt ?? at };
            return Finish();

            (SellerCounters, bool) Finish()
            {
                if (intent.Ending == Ending.BuyerCancel)
                {
                    Step(new CancelStep(order, false, "found a better one") { At = at + H(R(0.1, 0.3)), Lane = lane }, OrderStatus.CANCELLED);
                    return Done();
                }
                at += H(fixedTimes ? 0.1 : R(0.05, 0.13));
                if (Step(new PayStep(order) { At = at, Lane = lane }, OrderStatus.PAID)) return Done();
                if (intent.Ending == Ending.SellerCancel)
                {
                    if (!Step(new CancelStep(order, true, "sold elsewhere, sorry") { At = at + H(R(6, 30)), Lane = lane }, OrderStatus.CANCELLED))
                        c = c with { SellerCancellations = c.SellerCancellations + 1 };
                    return Done();
                }
                var shipBy = _deadlines.ShipBy.TotalHours;
                at += H(fixedTimes ? 6 : intent.Late ? shipBy + R(4, 30) : R(3, Math.Min(48, shipBy * 0.6)));
                if (Step(new ShipStep(order, intent.Late) { At = at, Lane = lane }, order.WithInspection ? OrderStatus.SHIPPED_TO_INSPECTION : OrderStatus.SHIPPED))
                    return Done();
                c = c with { Shipped = c.Shipped + 1, LateShipments = c.LateShipments + (intent.Late ? 1 : 0) };
                if (order.WithInspection)
                {
                    at += H(fixedTimes ? 12 : R(12, 40));
                    if (Step(new ReceiveStep(order) { At = at, Lane = lane }, OrderStatus.INSPECTING)) return Done();
                    at += H(fixedTimes ? 4 : R(2, Math.Min(20, _deadlines.InspectionDecision.TotalHours * 0.4)));
                    var report = intent.Ending switch
                    {
                        Ending.InspectionFake => new InspectionReport(item.Grade, false, false, item.AccessoriesComplete, "counterfeit: serial number does not exist"),
                        Ending.InspectionMismatch => new InspectionReport((Grade)Math.Min((int)Grade.FOR_PARTS, (int)item.Grade + 2), true, false, item.AccessoriesComplete,
                            "heavier wear than described; scratches on the housing"),
                        _ => new InspectionReport(item.Grade, true, true, item.AccessoriesComplete, "as described"),
                    };
                    if (report.Passed)
                    {
                        if (Step(new ReportStep(order, report) { At = at, Lane = lane }, OrderStatus.INSPECTION_PASSED, OrderStatus.SHIPPED)) return Done();
                    }
                    else
                    {
                        if (Step(new ReportStep(order, report) { At = at, Lane = lane }, OrderStatus.INSPECTION_FAILED, OrderStatus.REFUNDED)) return Done();
                        c = c with
                        {
                            DescriptionMismatches = c.DescriptionMismatches + 1,
                            AuthenticityFailures = c.AuthenticityFailures + (report.Authentic ? 0 : 1),
                        };
                        return Done();
                    }
                }
                at += H(fixedTimes ? 24 : R(20, 60));
                if (Step(new DeliverStep(order) { At = at, Lane = lane }, OrderStatus.DELIVERED)) return Done();
                c = c with { Delivered = c.Delivered + 1 };
                var protection = _deadlines.BuyerProtection.TotalHours;
                if (intent.Ending is Ending.DisputeRelease or Ending.DisputeRefund or Ending.DisputePartial)
                {
                    at += H(fixedTimes ? 12 : R(6, protection * 0.6));
                    if (Step(new DisputeStep(order, intent.Ending == Ending.DisputeRelease ? "arrived later than promised, box dented" : "not as described: does not power on")
                        { At = at, Lane = lane }, OrderStatus.DISPUTED))
                        return Done(delivered: true);
                    c = c with { Disputes = c.Disputes + 1 };
                    at += H(R(12, 60));
                    var (outcome, amount, status) = intent.Ending switch
                    {
                        Ending.DisputeRefund => (DisputeOutcome.REFUND, (decimal?)null, OrderStatus.REFUNDED),
                        Ending.DisputePartial => (DisputeOutcome.PARTIAL_REFUND, Math.Max(0.01m, Math.Round(item.Price * 0.25m, 2)), OrderStatus.COMPLETED),
                        _ => (DisputeOutcome.RELEASE, (decimal?)null, OrderStatus.COMPLETED),
                    };
                    if (Step(new ResolveStep(order, outcome, amount) { At = at, Lane = lane }, status)) return Done();
                    if (outcome != DisputeOutcome.RELEASE) c = c with { DisputesLost = c.DisputesLost + 1 };
                    if (status != OrderStatus.COMPLETED) return Done();
                }
                else
                {
                    at += H(R(4, protection * 0.6));
                    if (Step(new ConfirmStep(order) { At = at, Lane = lane }, OrderStatus.COMPLETED)) return Done(delivered: true);
                }
                c = c with { Completed = c.Completed + 1 };
                if (intent.Stars is { } stars)
                {
                    at += H(R(1, 30));
                    if (!Step(new RateStep(order, stars) { At = at, Lane = lane }))
                        c = c with { Ratings = c.Ratings + 1, RatingStarsTotal = c.RatingStarsTotal + stars };
                }
                return Done();
            }

            // An order left DELIVERED completes by itself at its buyer-protection deadline (real time, after the load).
            (SellerCounters, bool) Done(bool delivered = false) => (c, delivered);
        }

        // ---------------------------------------------------------------- item lives

        /// <summary>Views, favorites, markdowns and delistings of one item until its last order (or the end).</summary>
        private void PlanItemLife(DemoItem item, DateTimeOffset until)
        {
            var lane = "item:" + item.Id;
            _steps.Add(new ListStep(item) { At = item.ListedAt, Lane = lane });
            var sold = until < End;
            var open = until - item.ListedAt;
            if (open <= TimeSpan.FromHours(1)) return;
            var days = open.TotalDays;
            // About seven views per sale (a 10-15 % view-to-sale conversion) and a view every two weeks on unsold stock.
            var views = sold ? 3 + (int)Math.Round(U(0.5, 1.5) * (1 + 0.35 * Math.Min(days, 30))) : (int)Math.Round(U(0.3, 1.2) * 0.08 * days);
            if (_noDemand.Contains(item.Index)) views = 2 + _rng.Next(6);
            for (var v = 0; v < views; v++)
                _steps.Add(new ViewStep(item) { At = Minute(item.ListedAt + open * U(0.02, 0.98)), Lane = lane });
            if (sold && Chance(0.25))
            {
                var buyer = _intents.Where(i => i.Order.Item == item).OrderBy(i => i.PlaceAt).Last().Order.BuyerId;
                _steps.Add(new FavoriteStep(item, buyer) { At = Minute(item.ListedAt + open * U(0.3, 0.9)), Lane = lane });
            }
            if (Chance(0.05))
                _steps.Add(new FavoriteStep(item, PickBuyer(until)) { At = Minute(item.ListedAt + open * U(0.1, 0.9)), Lane = lane });
            var seller = _sellers.First(s => s.Id == item.SellerId);
            if (days > 25 && seller.Kind != DemoSellerKind.NewAccount && Chance(0.4))
            {
                var cut = Round(item.Price * (decimal)U(0.85, 0.95));
                if (cut < item.Price)
                    _steps.Add(new ChangePriceStep(item, cut) { At = Minute(item.ListedAt + TimeSpan.FromDays(U(18, Math.Min(45, days - 2)))), Lane = lane });
            }
            else if (!sold && !HasOrder(item) && days > 12 && seller.Kind is DemoSellerKind.Regular or DemoSellerKind.TopRated && Chance(0.04))
            {
                _steps.Add(new DelistStep(item) { At = Minute(item.ListedAt + TimeSpan.FromDays(U(10, days - 1))), Lane = lane });
            }
        }

        /// <summary>Orders placed minutes before the end and not yet paid; the last of them is the sentinel.</summary>
        private DemoOrder PlanAwaitingPayment()
        {
            var regulars = _sellers.Where(s => s.Kind == DemoSellerKind.Regular).ToList();
            DemoOrder Place(DemoSeller seller, string buyer, TimeSpan beforeEnd)
            {
                var placeAt = Minute(End - beforeEnd);
                var item = FreeItems(seller, TimeSpan.FromDays(2)).FirstOrDefault() ?? NewItem(seller, placeAt - TimeSpan.FromDays(2));
                return AddIntent(item, buyer, placeAt, Ending.Complete, stopAfter: OrderStatus.AWAITING_PAYMENT, inspection: false).Order;
            }
            Place(regulars[0], _buyers[1].Id, TimeSpan.FromMinutes(12));
            return Place(regulars[^1], _buyers[0].Id, TimeSpan.FromMinutes(10));
        }
    }
}
