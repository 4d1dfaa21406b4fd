using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Grains.Interfaces.Offers;

/// <summary>
/// One offer (contract "Offers and bargaining"), keyed by offer id: use <see cref="OfferIds.ForOffer"/> so makeOffer
/// with the same idempotency key from the same buyer reaches the same grain. The offer grain is the source of truth;
/// the item keeps a copy of every offer on it (lists, one open offer per buyer, the reservation at the agreed price).
/// Expiry is a durable reminder. Every mutation takes the caller and answers FORBIDDEN when the caller may not do it.
/// </summary>
[Alias("mp.offers.IOfferGrain")]
public interface IOfferGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>makeOffer: the caller is the buyer. Answered at once by the seller's bargaining policy.</summary>
    Task<Result<OfferView>> MakeAsync(MakeOffer command, CallerContext caller);

    [ReadOnly]
    Task<OfferView?> GetAsync();

    /// <summary>respondToOffer: the seller on a PENDING offer, the buyer on a COUNTERED one.</summary>
    Task<Result<OfferView>> RespondAsync(OfferResponse response, decimal? counterAmount, CallerContext caller);

    /// <summary>withdrawOffer: the buyer, while PENDING or COUNTERED.</summary>
    Task<Result<OfferView>> WithdrawAsync(CallerContext caller);

    /// <summary>Another offer on the item was accepted: an open offer becomes DECLINED (no-op otherwise).</summary>
    Task DeclineForAcceptedAsync(string acceptedOfferId);
}

[GenerateSerializer, Immutable, Alias("mp.offers.MakeOffer")]
public sealed record MakeOffer(string ItemId, decimal Amount, string? Message = null, string? IdempotencyKey = null);

/// <summary>An offer as the contract shows it, plus what the item and the figures need.</summary>
/// <param name="ListPrice">The item's price when the offer was made (averageDiscount compares the agreed price with it).</param>
/// <param name="Version">+1 per change; copies (the item's) keep the highest.</param>
[GenerateSerializer, Immutable, Alias("mp.offers.OfferView")]
public sealed record OfferView(
    string Id, string ItemId, string SellerId, string BuyerId, string BuyerDisplayName,
    decimal Amount, decimal? CounterAmount, string? Message, OfferStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string? OrderId,
    decimal ListPrice, long Version, DateTimeOffset UpdatedAt)
{
    public bool IsOpen => Status is OfferStatus.PENDING or OfferStatus.COUNTERED;

    /// <summary>The price an acceptance agrees on: the counter once countered (only a PENDING offer is countered, only by the seller), else the amount.</summary>
    public decimal AgreedAmount => CounterAmount ?? Amount;
}

/// <summary>The seller's standing answer to new offers (setBargaining); both bounds optional.</summary>
[GenerateSerializer, Immutable, Alias("mp.offers.Bargaining")]
public sealed record Bargaining(decimal? AutoAcceptAt, decimal? AutoDeclineBelow);

/// <summary>An auto-markdown schedule. <paramref name="NextAt"/> is the next step's due time; null once stopped (floor reached, item left LISTED).</summary>
[GenerateSerializer, Immutable, Alias("mp.offers.AutoMarkdown")]
public sealed record AutoMarkdown(double Percent, decimal Floor, DateTimeOffset? NextAt);

/// <summary>What the item answers about bargaining: every offer on it (oldest first), the policy, the markdown schedule.</summary>
[GenerateSerializer, Immutable, Alias("mp.offers.ItemDeals")]
public sealed record ItemDeals(IReadOnlyList<OfferView> Offers, Bargaining? Bargaining, AutoMarkdown? AutoMarkdown)
{
    public int OpenOffers => Offers.Count(o => o.IsOpen);
}

/// <summary>Offer versions an item took, from some index on; <paramref name="Total"/> is how many it took in all.</summary>
[GenerateSerializer, Immutable, Alias("mp.offers.OfferChangePage")]
public sealed record OfferChangePage(int Total, IReadOnlyList<OfferView> Changes);

/// <summary>The item admitted a new offer: the offer as recorded (seller, list price filled in) and the seller's policy.</summary>
[GenerateSerializer, Immutable, Alias("mp.offers.OfferAdmission")]
public sealed record OfferAdmission(OfferView Offer, Bargaining? Bargaining);

public static class OfferIds
{
    /// <summary>The offer id for makeOffer: derived from (buyer, key) when a key is given, otherwise new.</summary>
    public static string ForOffer(string buyerId, string? idempotencyKey)
    {
        if (string.IsNullOrEmpty(idempotencyKey))
            return "ofr-" + Guid.NewGuid().ToString("N");
        var material = Encoding.UTF8.GetBytes($"{buyerId.Length}:{buyerId}|{idempotencyKey}");
        return "ofr-k" + Convert.ToHexStringLower(SHA256.HashData(material))[..32];
    }

    /// <summary>The order an accepted offer places: one per offer, so a retried acceptance reaches the same order.</summary>
    public static string OrderFor(string offerId) => "ord-" + offerId;
}
