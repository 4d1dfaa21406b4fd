using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;

namespace Marketplace.Grains.Listings;

/// <summary>The columns a listing is filtered and sorted by, derived the same way for every store.</summary>
internal static class ListingRow
{
    public static long Cents(decimal price) => (long)decimal.Round(price * 100m, 0, MidpointRounding.AwayFromZero);

    public static long MinCents(decimal min) => (long)decimal.Ceiling(min * 100m);
    public static long MaxCents(decimal max) => (long)decimal.Floor(max * 100m);

    /// <summary>Items never listed sort last under NEWEST.</summary>
    public static long ListedAtMs(ItemSnapshot item) => item.ListedAt?.ToUnixTimeMilliseconds() ?? 0;

    /// <summary>Lower-cased title and description; both stores match lower-cased patterns against it, so case rules agree.</summary>
    public static string SearchText(ItemSnapshot item) => (item.Title + "\n" + item.Description).ToLowerInvariant();

    public static IReadOnlyList<string> Categories(ItemSnapshot item) =>
        item.CategoryPath.Append(item.CategoryId).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).ToList();

    public static long SortKey(ItemSnapshot item, ListingOrder order) => order switch
    {
        ListingOrder.Newest => ListedAtMs(item),
        ListingOrder.PriceAsc or ListingOrder.PriceDesc => Cents(item.Price),
        ListingOrder.MostViewed => item.Views,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Unknown order."),
    };

    public static bool Ascending(ListingOrder order) => order == ListingOrder.PriceAsc;

    public const int MaxPageSize = 100;

    /// <summary>Refuses bad queries before touching a store.</summary>
    public static void Validate(ListingQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.First is < 0 or > MaxPageSize) throw new ArgumentException($"first must be between 0 and {MaxPageSize}.", nameof(query));
        if (query.MinPrice < 0 || query.MaxPrice < 0) throw new ArgumentException("Prices must not be negative.", nameof(query));
        if (query.MinPrice > query.MaxPrice) throw new ArgumentException("minPrice is above maxPrice.", nameof(query));
        if (!Enum.IsDefined(query.OrderBy)) throw new ArgumentException("Unknown order.", nameof(query));
    }

    public static void Validate(ItemSnapshot item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (string.IsNullOrWhiteSpace(item.ItemId)) throw new ArgumentException("An item needs an id.", nameof(item));
        if (item.Version <= 0) throw new ArgumentException("Item versions start at 1.", nameof(item));
        if (item.Price < 0) throw new ArgumentException("Price must not be negative.", nameof(item));
    }

    public static Grade EffectiveGrade(ItemSnapshot item) => item.EffectiveGrade;
}
