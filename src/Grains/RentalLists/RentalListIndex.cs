using System.Globalization;
using System.Text;
using Marketplace.Grains.Interfaces.Rentals;

namespace Marketplace.Grains.RentalLists;

/// <summary>
/// Every rental's newest row in memory: newest first by creation (then id), keyset cursors, total count of the
/// filtered set. Simpler than the order-list index (one sorted set, filters walk it): rentals are far fewer
/// than orders. Not thread-safe: one owner (a grain).
/// </summary>
internal sealed class RentalListIndex
{
    private readonly Dictionary<string, RentalListRow> _rows = new(StringComparer.Ordinal);
    // Descending: newest first.
    private readonly SortedSet<(long CreatedAtMs, string RentalId)> _keys = new(Comparer<(long, string)>.Create(
        (a, b) => b.Item1 != a.Item1 ? b.Item1.CompareTo(a.Item1) : string.CompareOrdinal(b.Item2, a.Item2)));

    public int Count => _rows.Count;

    public bool Apply(RentalListRow row)
    {
        if (_rows.TryGetValue(row.RentalId, out var previous))
        {
            if (previous.Version >= row.Version) return false;
            _keys.Remove(Key(previous));
        }
        _rows[row.RentalId] = row;
        _keys.Add(Key(row));
        return true;
    }

    public RentalListPage Query(RentalListQuery query)
    {
        if (query.First is < 1 or > 100) throw new ArgumentException("first must be between 1 and 100.", nameof(query));
        (long, string)? after = query.After is null ? null : Decode(query.After);
        var matches = _keys.Select(k => _rows[k.RentalId]).Where(r => Matches(query, r)).ToList();
        var start = 0;
        if (after is { } cursor)
        {
            var comparer = _keys.Comparer;
            start = matches.FindIndex(r => comparer.Compare(Key(r), cursor) > 0);
            if (start < 0) start = matches.Count;
        }
        var page = matches.Skip(start).Take(query.First).Select(r => new RentalListEdge(Encode(Key(r)), r)).ToList();
        return new RentalListPage(page, matches.Count, start + page.Count < matches.Count, after is not null);
    }

    private static bool Matches(RentalListQuery q, RentalListRow r) =>
        (q.Statuses is not { Count: > 0 } statuses || statuses.Contains(r.Status))
        && (q.OwnerId is null || r.OwnerId == q.OwnerId)
        && (q.RenterId is null || r.RenterId == q.RenterId)
        && (q.RegionId is null || r.RegionId == q.RegionId)
        && (q.CategoryId is null || r.InCategory(q.CategoryId));

    private static (long, string) Key(RentalListRow row) => (row.CreatedAt.ToUnixTimeMilliseconds(), row.RentalId);

    private static string Encode((long CreatedAtMs, string RentalId) key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"r:{key.CreatedAtMs}:{key.RentalId}")));

    private static (long, string) Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':', 3);
            if (parts.Length != 3 || parts[0] != "r" || parts[2].Length == 0) throw new FormatException();
            return (long.Parse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture), parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentException("Invalid cursor.", "cursor", ex);
        }
    }
}
