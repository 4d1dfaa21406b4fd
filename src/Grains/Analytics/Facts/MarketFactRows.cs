using System.Globalization;
using System.Text.Json;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Trust;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// <see cref="MarketFacts"/> as rows of aggregate_facts, one per fact, each holding the fact and its source's
/// applied-sequence tracker (so a fact and what was applied to it are written together, atomically):
/// <list type="bullet">
/// <item>item:&lt;id&gt; — the newest item snapshot, without title, description and price history (figures read none of them)</item>
/// <item>order:&lt;id&gt; — the newest order snapshot</item>
/// <item>seller:&lt;id&gt; — the newest seller level</item>
/// <item>attempt:&lt;id&gt; — a self-purchase attempt</item>
/// <item>rental:&lt;id&gt; — the newest rental snapshot</item>
/// <item>alert:&lt;content key&gt; — a risk alert reported by the write side (no tracker: its key is its content)</item>
/// <item>view:&lt;item version&gt;:&lt;item id&gt; — one applied view, its time (written once, never rewritten)</item>
/// <item>offer:&lt;id&gt; — the newest version of an offer (no tracker: it arrives in its item's events, which the item's tracker applies once)</item>
/// </list>
/// Every row's size is bounded by its own fact, never by how many facts the aggregate holds.
/// </summary>
public static class MarketFactRows
{
    public const string ItemPrefix = "item:";
    public const string OrderPrefix = "order:";
    public const string SellerPrefix = "seller:";
    public const string AttemptPrefix = "attempt:";
    public const string ViewPrefix = "view:";
    public const string RentalPrefix = "rental:";
    public const string OfferPrefix = "offer:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>The row of a fact as it is in memory now (rows are built when written, so one write covers every change since the last).</summary>
    public static FactRow Row(MarketFacts facts, string factKey)
    {
        if (factKey.StartsWith(ItemPrefix, StringComparison.Ordinal))
        {
            var item = facts.Items[factKey[ItemPrefix.Length..]].Snapshot;
            return new FactRow(factKey, item.Version, Tracker(facts, factKey), JsonSerializer.Serialize(item, Json));
        }
        if (factKey.StartsWith(OrderPrefix, StringComparison.Ordinal))
        {
            var order = facts.Orders[factKey[OrderPrefix.Length..]];
            return new FactRow(factKey, order.Version, Tracker(facts, factKey), JsonSerializer.Serialize(order, Json));
        }
        if (factKey.StartsWith(SellerPrefix, StringComparison.Ordinal))
        {
            var seller = facts.Sellers[factKey[SellerPrefix.Length..]];
            return new FactRow(factKey, seller.Version, Tracker(facts, factKey), JsonSerializer.Serialize(seller, Json));
        }
        if (factKey.StartsWith(AttemptPrefix, StringComparison.Ordinal))
        {
            var attempt = facts.SelfPurchaseAttempts[factKey[AttemptPrefix.Length..]];
            return new FactRow(factKey, attempt.Sequence, Tracker(facts, factKey), JsonSerializer.Serialize(attempt, Json));
        }
        if (factKey.StartsWith(RentalPrefix, StringComparison.Ordinal))
        {
            var rental = facts.Rentals[factKey[RentalPrefix.Length..]];
            return new FactRow(factKey, rental.Version, Tracker(facts, factKey), JsonSerializer.Serialize(rental, Json));
        }
        if (factKey.StartsWith(OfferPrefix, StringComparison.Ordinal))
        {
            var offer = facts.Offers[factKey[OfferPrefix.Length..]];
            return new FactRow(factKey, offer.Version, "", JsonSerializer.Serialize(offer, Json));
        }
        throw new ArgumentException($"Unknown fact key '{factKey}'.", nameof(factKey));
    }

    public static FactRow ViewRow(ViewFact view) => new(
        ViewPrefix + view.Sequence.ToString(CultureInfo.InvariantCulture) + ":" + view.ItemId,
        view.Sequence, "", view.At.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Rebuilds facts from stored rows (any order).</summary>
    public sealed class Loader
    {
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
        private readonly List<ViewFact> _views = [];

        public MarketFacts Facts { get; } = new();

        public void Add(FactRow row)
        {
            var key = row.FactKey;
            var facts = Facts;
            if (key.StartsWith(ViewPrefix, StringComparison.Ordinal))
            {
                var separator = key.IndexOf(':', ViewPrefix.Length);
                _views.Add(new ViewFact(Intern(key[(separator + 1)..]), row.Version,
                    DateTimeOffset.Parse(row.Payload, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
                return;
            }
            if (key.StartsWith(OfferPrefix, StringComparison.Ordinal))
            {
                var offer = Deserialize<Interfaces.Offers.OfferView>(row.Payload);
                facts.Offers[offer.Id] = offer with { SellerId = Intern(offer.SellerId), BuyerId = Intern(offer.BuyerId), ItemId = Intern(offer.ItemId) };
                return;
            }
            if (key.StartsWith(ItemPrefix, StringComparison.Ordinal))
            {
                var item = Deserialize<ItemSnapshot>(row.Payload);
                // Ids shared by many facts (sellers, categories, regions) are held once.
                item = item with
                {
                    SellerId = Intern(item.SellerId), CategoryId = Intern(item.CategoryId),
                    RegionId = Intern(item.RegionId), CategoryPath = InternAll(item.CategoryPath),
                };
                facts.Items[item.ItemId] = new ItemFact { Snapshot = item };
            }
            else if (key.StartsWith(OrderPrefix, StringComparison.Ordinal))
            {
                var order = Deserialize<OrderSnapshot>(row.Payload);
                order = order with
                {
                    SellerId = Intern(order.SellerId), BuyerId = Intern(order.BuyerId), CategoryId = Intern(order.CategoryId),
                    RegionId = Intern(order.RegionId), CategoryPath = InternAll(order.CategoryPath),
                };
                facts.Orders[order.OrderId] = order;
            }
            else if (key.StartsWith(SellerPrefix, StringComparison.Ordinal))
                facts.Sellers[key[SellerPrefix.Length..]] = Deserialize<SellerFact>(row.Payload);
            else if (key.StartsWith(AttemptPrefix, StringComparison.Ordinal))
                facts.SelfPurchaseAttempts[key[AttemptPrefix.Length..]] = Deserialize<SelfPurchaseAttempted>(row.Payload);
            else if (key.StartsWith(RentalPrefix, StringComparison.Ordinal))
                facts.Rentals[key[RentalPrefix.Length..]] = Deserialize<Interfaces.Rentals.RentalSnapshot>(row.Payload);
            else throw new InvalidOperationException($"Unknown stored fact key '{key}'.");
            facts.Applied[key] = SequenceTracker.Decode(row.Applied);
        }

        /// <summary>The facts, with every view attached to its item in time order.</summary>
        public MarketFacts Complete()
        {
            foreach (var view in _views)
                if (Facts.Items.TryGetValue(view.ItemId, out var item)) item.ViewTimes.Add(view.At);
            _views.Clear();
            foreach (var item in Facts.Items.Values)
                if (item.ViewTimes.Count > 1) item.ViewTimes.Sort();
            _strings.Clear();
            return Facts;
        }

        private string Intern(string value)
        {
            if (_strings.TryGetValue(value, out var known)) return known;
            _strings[value] = value;
            return value;
        }

        private IReadOnlyList<string> InternAll(IReadOnlyList<string> values)
        {
            if (values.Count == 0) return [];
            var copy = new string[values.Count];
            for (var i = 0; i < copy.Length; i++) copy[i] = Intern(values[i]);
            return copy;
        }
    }

    private static string Tracker(MarketFacts facts, string factKey) =>
        facts.Applied.TryGetValue(factKey, out var tracker) ? tracker.Encode() : "";

    private static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException($"A stored {typeof(T).Name} is null.");
}
