using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;

namespace Marketplace.Grains.Listings;

/// <summary>Bounded reads for recommendations (<see cref="ListingProbe"/>): walk one sorted list from a position, no count.</summary>
internal sealed partial class ListingIndex
{
    public IReadOnlyList<ItemSnapshot> Probe(ListingProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var query = probe.Filter with { First = 1, After = null };
        ListingRow.Validate(query);
        if (probe.Take is < 0 or > ListingProbe.MaxTake) throw new ArgumentException($"take must be between 0 and {ListingProbe.MaxTake}.", nameof(probe));
        if (probe.ScanLimit < 0) throw new ArgumentException("scanLimit must not be negative.", nameof(probe));
        var order = query.OrderBy;
        if (probe.FromPrice is not null && order is not (ListingOrder.PriceAsc or ListingOrder.PriceDesc))
            throw new ArgumentException("fromPrice needs a price order.", nameof(probe));

        EnsureSorted();
        var filter = new ListingFilter(query, Scope);
        var list = _sorted[(int)order];
        var start = 0;
        if (probe.FromPrice is { } from)
        {
            // ("" sorts before every id) ascending: the first row at that price; descending: the first row below it.
            var found = list.BinarySearch(new Entry(ListingRow.Cents(from), "", null!), Comparers[(int)order]);
            start = found >= 0 ? found : ~found;
        }
        var result = new List<ItemSnapshot>(Math.Min(probe.Take, 64));
        for (int i = start, scanned = 0; i < list.Count && result.Count < probe.Take && scanned < probe.ScanLimit; i++, scanned++)
            if (filter.Matches(list[i].Row)) result.Add(list[i].Row.Item);
        return result;
    }

    /// <summary>The listings held for these ids (any status), in the order asked, unknown ids skipped.</summary>
    public IReadOnlyList<ItemSnapshot> GetMany(IEnumerable<string> itemIds)
    {
        var result = new List<ItemSnapshot>();
        foreach (var id in itemIds)
            if (Get(id) is { } item) result.Add(item);
        return result;
    }
}
