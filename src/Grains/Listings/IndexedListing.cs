using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;

namespace Marketplace.Grains.Listings;

/// <summary>A listing with the columns an in-memory index filters and sorts by, derived once (as the SQL store stores them).</summary>
internal sealed class IndexedListing(ItemSnapshot item)
{
    private string? _searchText;

    public ItemSnapshot Item { get; } = item;
    public string ItemId => Item.ItemId;
    public long PriceCents { get; } = ListingRow.Cents(item.Price);
    public long ListedAtMs { get; } = ListingRow.ListedAtMs(item);
    public IReadOnlyList<string> Categories { get; } = ListingRow.Categories(item);

    // Only text filters need it; computed on first use so titles and descriptions are not copied for every row.
    public string SearchText => _searchText ??= ListingRow.SearchText(Item);

    public long Key(ListingOrder order) => order switch
    {
        ListingOrder.Newest => ListedAtMs,
        ListingOrder.PriceAsc or ListingOrder.PriceDesc => PriceCents,
        ListingOrder.MostViewed => Item.Views,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Unknown order."),
    };

    public bool InCategory(string categoryId)
    {
        foreach (var category in Categories)
            if (string.Equals(category, categoryId, StringComparison.Ordinal)) return true;
        return false;
    }
}

/// <summary>
/// Item ids in code point order, which is how the SQL stores compare them (SQLite BINARY on UTF-8, PostgreSQL
/// "C"): UTF-16 ordinal order differs only between surrogates and U+E000..U+FFFF, which this fixes up.
/// </summary>
internal static class ItemIdOrder
{
    public static int Compare(string a, string b)
    {
        var common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length) return a.Length.CompareTo(b.Length);
        int x = a[common], y = b[common];
        if (x >= 0xD800 && y >= 0xD800)
        {
            x = x >= 0xE000 ? x - 0x800 : x + 0x2000;
            y = y >= 0xE000 ? y - 0x800 : y + 0x2000;
        }
        return x.CompareTo(y);
    }
}
