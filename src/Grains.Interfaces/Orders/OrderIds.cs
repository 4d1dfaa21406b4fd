using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Grains.Interfaces.Orders;

/// <summary>Order ids. Deriving the id from buyer and idempotency key makes a retried placeOrder reach the same order grain.</summary>
public static class OrderIds
{
    /// <summary>The order id for a placement: derived from (buyer, key) when a key is given, otherwise new.</summary>
    public static string ForPlacement(string buyerId, string? idempotencyKey)
    {
        if (string.IsNullOrEmpty(idempotencyKey))
            return "ord-" + Guid.NewGuid().ToString("N");
        // Length-prefix the buyer id so ("a", "bc") and ("ab", "c") never collide.
        var material = Encoding.UTF8.GetBytes($"{buyerId.Length}:{buyerId}|{idempotencyKey}");
        return "ord-k" + Convert.ToHexStringLower(SHA256.HashData(material))[..32];
    }
}
