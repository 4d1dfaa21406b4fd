using System.Globalization;
using System.Text;
using Marketplace.Grains.Interfaces.Listings;

namespace Marketplace.Grains.Listings;

/// <summary>
/// Keyset cursor: the sort order, the sort key of the last row (a long for every order: listed-at
/// milliseconds, price in cents or views) and its item id as tie-breaker. Opaque base64 to clients.
/// </summary>
internal sealed record ListingCursor(ListingOrder Order, long Key, string ItemId)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{(int)Order}:{Key}:{ItemId}")));

    public static ListingCursor Decode(string cursor, ListingOrder expectedOrder)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var parts = text.Split(':', 3);
            var order = (ListingOrder)int.Parse(parts[0], CultureInfo.InvariantCulture);
            var key = long.Parse(parts[1], CultureInfo.InvariantCulture);
            if (order != expectedOrder) throw new ArgumentException("The cursor belongs to another sort order.", nameof(cursor));
            if (parts[2].Length == 0) throw new FormatException();
            return new ListingCursor(order, key, parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or OverflowException)
        {
            throw new ArgumentException("Invalid cursor.", nameof(cursor), ex);
        }
    }
}
