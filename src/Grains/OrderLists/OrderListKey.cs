using System.Globalization;
using System.Text;
using Marketplace.Grains.Interfaces.OrderLists;

namespace Marketplace.Grains.OrderLists;

/// <summary>
/// An order's place in every list: creation time (ms), then order id as tie-breaker, both ascending here;
/// lists read it backwards (newest first). Creation never changes, so a status change never moves an order.
/// </summary>
internal readonly record struct OrderListKey(long CreatedAtMs, string OrderId) : IComparable<OrderListKey>
{
    public static OrderListKey Of(OrderListRow row) => new(row.CreatedAt.ToUnixTimeMilliseconds(), row.OrderId);

    public int CompareTo(OrderListKey other)
    {
        var byTime = CreatedAtMs.CompareTo(other.CreatedAtMs);
        return byTime != 0 ? byTime : string.CompareOrdinal(OrderId, other.OrderId);
    }

    /// <summary>The keyset cursor of a row: opaque base64 to clients.</summary>
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"o:{CreatedAtMs}:{OrderId}")));

    public static OrderListKey Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':', 3);
            if (parts.Length != 3 || parts[0] != "o" || parts[2].Length == 0) throw new FormatException();
            return new OrderListKey(long.Parse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture), parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentException("Invalid cursor.", "cursor", ex);
        }
    }
}
