
using Marketplace.Grains.Interfaces.Offers;

namespace Marketplace.Grains.Interfaces.Items;

/// <summary>
/// One item for sale, keyed by item id (the gateway picks a new id for listItem, e.g. a Guid).
/// Turn-based: of concurrent reservations exactly one wins. Remindable: market events whose publish
/// failed are retried by a reminder.
/// </summary>
[Alias("mp.items.IItemGrain")]
public interface IItemGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>listItem: creates the item LISTED for the caller as seller.</summary>
    Task<Result<ItemView>> ListAsync(ListItem command, CallerContext caller);

    [ReadOnly]
    Task<ItemView?> GetAsync();

    /// <summary>changePrice: the seller only, while LISTED; price &gt; 0 with at most two decimals.</summary>
    Task<Result<ItemView>> ChangePriceAsync(decimal price, CallerContext caller, PriceChangeReason reason = PriceChangeReason.SELLER_CHANGE);

    /// <summary>delistItem: the seller only, while LISTED (or DRAFT).</summary>
    Task<Result<ItemView>> DelistAsync(CallerContext caller);

    /// <summary>recordView: anyone.</summary>
    Task<Result<ItemView>> RecordViewAsync();

    /// <summary>favoriteItem: counts each user once and adds the item to the user's buyer favorites.</summary>
    Task<Result<ItemView>> FavoriteAsync(CallerContext caller);

    /// <summary>Order placement: LISTED -> RESERVED for this order. Idempotent per order id.</summary>
    Task<Result<ItemReservation>> ReserveAsync(string orderId, string buyerId);

    /// <summary>The order was cancelled or refunded: RESERVED -> LISTED, or DELISTED when <paramref name="relist"/> is false.</summary>
    Task ReleaseAsync(string orderId, bool relist);

    /// <summary>The order completed: RESERVED -> SOLD.</summary>
    Task MarkSoldAsync(string orderId);

    /// <summary>An inspection reported the verified grade.</summary>
    Task SetVerifiedGradeAsync(string orderId, Grade verifiedGrade);

    // ---- Rentals (docs/rentals.md): the item holds its bookings and alone decides whether a period is free ----

    /// <summary>
    /// requestRental: books the period for the rental unless it overlaps a booking that is not cancelled
    /// (DATES_UNAVAILABLE); also checks mode, status, owner and the terms' day limits. Idempotent per rental id.
    /// </summary>
    Task<Result<RentalBookingGrant>> BookRentalAsync(RentalBookingRequest request);

    /// <summary>The rental was cancelled (or never persisted): its period is free again. Idempotent.</summary>
    Task CancelBookingAsync(string rentalId);

    /// <summary>Booked periods (not cancelled) that end after <paramref name="from"/>, earliest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<BookedPeriod>> GetBookingsAsync(DateTimeOffset from);
    // ---------- offers and auto markdown (src/Grains/Items/ItemGrain.Offers.cs, contract "Offers and bargaining", "Auto markdown") ----------

    /// <summary>
    /// A new PENDING offer: LISTED SALE item, not the seller's own, 0 &lt; amount &lt; price, no other open offer of the buyer.
    /// Recorded with the seller and list price filled in; the answer carries the seller's bargaining policy.
    /// </summary>
    Task<Result<OfferAdmission>> AdmitOfferAsync(OfferView offer);

    /// <summary>The offer grain changed the offer: the item's copy takes it when newer (open count, lists, offerChanged).</summary>
    Task RecordOfferAsync(OfferView offer);

    /// <summary>An admitted offer whose grain could not store it: it never existed.</summary>
    Task ForgetOfferAsync(string offerId);

    /// <summary>
    /// Order placement for an accepted offer: as <see cref="ReserveAsync"/>, but only while that offer is open and the buyer's,
    /// and the price becomes its agreed amount (price point OFFER_ACCEPTED) in the same change. Idempotent per order id.
    /// </summary>
    Task<Result<ItemReservation>> ReserveForOfferAsync(string orderId, string buyerId, string offerId);

    [ReadOnly]
    Task<ItemDeals?> GetDealsAsync();

    /// <summary>Every version of every offer the item took, in the order it took them, from index <paramref name="skip"/> (offerChanged).</summary>
    [ReadOnly]
    Task<OfferChangePage> GetOfferChangesAsync(int skip);

    /// <summary>setBargaining: the seller; bounds below the price, autoDeclineBelow &lt; autoAcceptAt; both null clears it.</summary>
    Task<Result<ItemView>> SetBargainingAsync(Bargaining policy, CallerContext caller);

    /// <summary>setAutoMarkdown: the seller; LISTED SALE item, 0 &lt; percent ≤ 50, 0 &lt; floor &lt; price.</summary>
    Task<Result<ItemView>> SetAutoMarkdownAsync(double percent, decimal floor, CallerContext caller);

    /// <summary>cancelAutoMarkdown: the seller.</summary>
    Task<Result<ItemView>> CancelAutoMarkdownAsync(CallerContext caller);
}

/// <summary>A booking asked for by a rental: [Start, Start + Days × DayLength).</summary>
[GenerateSerializer, Immutable, Alias("mp.items.RentalBookingRequest")]
public sealed record RentalBookingRequest(string RentalId, string RenterId, DateTimeOffset Start, int Days, TimeSpan DayLength);

/// <summary>What a rental needs to know about the item that booked it.</summary>
[GenerateSerializer, Immutable, Alias("mp.items.RentalBookingGrant")]
public sealed record RentalBookingGrant(
    string ItemId, string OwnerId, string CategoryId, IReadOnlyList<string> CategoryPath, string RegionId,
    RentalTerms Terms, DateTimeOffset Start, DateTimeOffset Due);

/// <summary>The contract's BookedPeriod: [Start, End).</summary>
[GenerateSerializer, Immutable, Alias("mp.items.BookedPeriod")]
public sealed record BookedPeriod(DateTimeOffset Start, DateTimeOffset End);

[GenerateSerializer, Immutable, Alias("mp.items.ListItem")]
public sealed record ListItem(
    string Title, string Description, string CategoryId, string RegionId, Grade ClaimedGrade, decimal Price,
    bool AccessoriesComplete = true, IReadOnlyList<string>? RepairHistory = null,
    ListingMode Mode = ListingMode.SALE, RentalTerms? RentalTerms = null);

/// <summary>How a RENTAL item is rented: rent per day, the deposit held (or waived), and the allowed length.</summary>
[GenerateSerializer, Immutable, Alias("mp.items.RentalTerms")]
public sealed record RentalTerms(decimal DailyRate, decimal Deposit, int MinDays, int MaxDays);

[GenerateSerializer, Immutable, Alias("mp.items.PricePoint")]
public sealed record PricePoint(decimal Price, DateTimeOffset At, PriceChangeReason Reason);

[GenerateSerializer, Immutable, Alias("mp.items.ItemView")]
public sealed record ItemView(
    string Id, string SellerId, string CategoryId, string RegionId,
    string Title, string Description, Grade ClaimedGrade, Grade? VerifiedGrade,
    bool AccessoriesComplete, IReadOnlyList<string> RepairHistory,
    decimal Price, IReadOnlyList<PricePoint> PriceHistory, ItemStatus Status,
    int Views, int Favorites, int Offers,
    DateTimeOffset CreatedAt, DateTimeOffset? ListedAt, DateTimeOffset? SoldAt, string? ReservedByOrderId,
    ListingMode Mode = ListingMode.SALE, RentalTerms? RentalTerms = null)
{
    /// <summary>Days since listing, until sold (contract field daysListed); null before listing.</summary>
    public double? DaysListed(DateTimeOffset now) =>
        ListedAt is { } listed ? ((SoldAt ?? now) - listed).TotalDays : null;
}

/// <summary>What an order needs to know about the item it reserved.</summary>
/// <param name="CategoryPath">Ancestor categories root first, ending with the item's category.</param>
[GenerateSerializer, Immutable, Alias("mp.items.ItemReservation")]
public sealed record ItemReservation(
    string ItemId, string SellerId, string CategoryId, string RegionId, decimal Price, Grade ClaimedGrade, DateTimeOffset? ListedAt,
    Grade? VerifiedGrade = null, IReadOnlyList<string>? CategoryPath = null);
