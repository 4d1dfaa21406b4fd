using System.Text.Json.Serialization;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Offers;

namespace Marketplace.Grains.Interfaces.Analytics;

// Market events: published by the write side (items, orders, seller trust), consumed by the read
// side (category / region / platform aggregates, listing projection). See README.md beside this file.
//
// Every event carries a SNAPSHOT of its source (item, order, seller) at the source's version
// (Sequence). Consumers keep, per source, the snapshot with the highest version and a record of
// which versions they applied, so duplicates and out-of-order delivery give the same figures.

/// <summary>Base of every market event.</summary>
/// <param name="SourceId">The item, order or seller id whose state changed.</param>
/// <param name="Sequence">The source's version after the change: starts at 1, +1 per published change, never reused.</param>
/// <param name="At">When it happened (the publisher's TimeProvider).</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(ItemListed), "ItemListed")]
[JsonDerivedType(typeof(ItemPriceChanged), "ItemPriceChanged")]
[JsonDerivedType(typeof(ItemDelisted), "ItemDelisted")]
[JsonDerivedType(typeof(ItemReserved), "ItemReserved")]
[JsonDerivedType(typeof(ItemRelisted), "ItemRelisted")]
[JsonDerivedType(typeof(ItemSold), "ItemSold")]
[JsonDerivedType(typeof(ItemViewed), "ItemViewed")]
[JsonDerivedType(typeof(ItemFavorited), "ItemFavorited")]
[JsonDerivedType(typeof(ItemGradeVerified), "ItemGradeVerified")]
[JsonDerivedType(typeof(ItemOfferChanged), "ItemOfferChanged")]
[JsonDerivedType(typeof(OrderPlaced), "OrderPlaced")]
[JsonDerivedType(typeof(OrderPaid), "OrderPaid")]
[JsonDerivedType(typeof(OrderShipped), "OrderShipped")]
[JsonDerivedType(typeof(InspectionReported), "InspectionReported")]
[JsonDerivedType(typeof(OrderDelivered), "OrderDelivered")]
[JsonDerivedType(typeof(OrderDisputed), "OrderDisputed")]
[JsonDerivedType(typeof(OrderCompleted), "OrderCompleted")]
[JsonDerivedType(typeof(OrderRefunded), "OrderRefunded")]
[JsonDerivedType(typeof(OrderCancelled), "OrderCancelled")]
[JsonDerivedType(typeof(OrderStatusChanged), "OrderStatusChanged")]
[JsonDerivedType(typeof(SelfPurchaseAttempted), "SelfPurchaseAttempted")]
[JsonDerivedType(typeof(SellerLevelChanged), "SellerLevelChanged")]
[JsonDerivedType(typeof(Rentals.RentalChanged), "RentalChanged")]
[GenerateSerializer, Immutable, Alias("mp.analytics.MarketEvent")]
public abstract record MarketEvent(string SourceId, long Sequence, DateTimeOffset At);

// ---------- items ----------

/// <summary>The item as it is after the change (published with every item event).</summary>
/// <param name="CategoryPath">Ancestor categories root first, ending with <paramref name="CategoryId"/>; a category's figures include its sub-categories through it.</param>
/// <param name="ListedAt">First time the item became LISTED; null while DRAFT.</param>
/// <param name="Views">Total views so far; <paramref name="Favorites"/> likewise.</param>
/// <param name="HighValueCategory">The item's category is flagged highValue (price-anomaly alerts watch these).</param>
/// <remarks>
/// <see cref="PriceHistory"/> rides along so the listing projection can answer Item.priceHistory without
/// a grain call per row. It is an init member defaulting to empty, so events stored before it existed
/// still deserialize; aggregates drop it (their figures never need it).
/// </remarks>
[GenerateSerializer, Immutable, Alias("mp.analytics.ItemSnapshot")]
public sealed record ItemSnapshot(
    string ItemId,
    long Version,
    string SellerId,
    string CategoryId,
    IReadOnlyList<string> CategoryPath,
    string RegionId,
    string Title,
    string Description,
    Grade ClaimedGrade,
    Grade? VerifiedGrade,
    decimal Price,
    ItemStatus Status,
    DateTimeOffset? ListedAt,
    DateTimeOffset? SoldAt,
    int Views,
    int Favorites,
    bool HighValueCategory = false)
{
    /// <summary>Every price the item had, oldest first (as <c>ItemView.PriceHistory</c>); empty in snapshots published before it was carried.</summary>
    [Id(17)] // after the 17 constructor members (ids 0-16)
    public IReadOnlyList<PricePoint> PriceHistory { get; init; } = [];

    /// <summary>SALE or RENTAL (ItemFilter.mode); snapshots published before it was carried were all SALE.</summary>
    [Id(19)] // 18 was never used: keep it unused, ids are the wire contract
    public ListingMode Mode { get; init; } = ListingMode.SALE;

    /// <summary>The grade figures use: the verified grade once inspected, else the claimed one.</summary>
    public Grade EffectiveGrade => VerifiedGrade ?? ClaimedGrade;
}

/// <summary>Base of item events: source = item id, sequence = item version.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.ItemEvent")]
public abstract record ItemEvent(ItemSnapshot Item, DateTimeOffset At) : MarketEvent(Item.ItemId, Item.Version, At);

/// <summary>DRAFT -> LISTED (or created LISTED).</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.ItemListed")]
public sealed record ItemListed(ItemSnapshot Item, DateTimeOffset At) : ItemEvent(Item, At);

[GenerateSerializer, Immutable, Alias("mp.analytics.ItemPriceChanged")]
public sealed record ItemPriceChanged(ItemSnapshot Item, DateTimeOffset At, decimal PreviousPrice, PriceChangeReason Reason) : ItemEvent(Item, At);

/// <summary>LISTED -> DELISTED (by the seller, or after a failed authenticity inspection).</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.ItemDelisted")]
public sealed record ItemDelisted(ItemSnapshot Item, DateTimeOffset At) : ItemEvent(Item, At);

/// <summary>LISTED -> RESERVED: an order was placed.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.ItemReserved")]
public sealed record ItemReserved(ItemSnapshot Item, DateTimeOffset At, string OrderId) : ItemEvent(Item, At);

/// <summary>RESERVED -> LISTED: the reservation was released (order cancelled or refunded).</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.ItemRelisted")]
public sealed record ItemRelisted(ItemSnapshot Item, DateTimeOffset At, string OrderId) : ItemEvent(Item, At);

/// <summary>RESERVED -> SOLD: its order completed.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.ItemSold")]
public sealed record ItemSold(ItemSnapshot Item, DateTimeOffset At, string OrderId) : ItemEvent(Item, At);

/// <summary>One view; the snapshot's Views is the new total.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.ItemViewed")]
public sealed record ItemViewed(ItemSnapshot Item, DateTimeOffset At) : ItemEvent(Item, At);

[GenerateSerializer, Immutable, Alias("mp.analytics.ItemFavorited")]
public sealed record ItemFavorited(ItemSnapshot Item, DateTimeOffset At, string UserId) : ItemEvent(Item, At);

/// <summary>An inspection set the item's verified grade.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.ItemGradeVerified")]
public sealed record ItemGradeVerified(ItemSnapshot Item, DateTimeOffset At) : ItemEvent(Item, At);

/// <summary>An offer on the item was made or changed (the item's copy of it took a newer version); carries the offer as it is now.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.ItemOfferChanged")]
public sealed record ItemOfferChanged(ItemSnapshot Item, DateTimeOffset At, OfferView Offer) : ItemEvent(Item, At);

// ---------- orders ----------

/// <summary>The order as it is after the change (published with every order event).</summary>
/// <param name="Grade">The item's effective grade when the order was placed (verified grade once inspected).</param>
/// <param name="ListedAt">The item's ListedAt (days to sell = PaidAt - ListedAt).</param>
/// <param name="RefundedAmount">Total refunded to the buyer so far (0 when none).</param>
/// <param name="CancelledBySeller">True when the seller cancelled.</param>
/// <param name="InspectionPassed">Null until an inspection report exists.</param>
[GenerateSerializer, Immutable, Alias("mp.analytics.OrderSnapshot")]
public sealed record OrderSnapshot(
    string OrderId,
    long Version,
    string ItemId,
    string BuyerId,
    string SellerId,
    string CategoryId,
    IReadOnlyList<string> CategoryPath,
    string RegionId,
    Grade Grade,
    decimal Price,
    OrderStatus Status,
    bool WithInspection,
    DateTimeOffset PlacedAt,
    DateTimeOffset? ListedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? DisputedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? RefundedAt,
    DateTimeOffset? CancelledAt,
    bool CancelledBySeller,
    decimal RefundedAmount,
    DateTimeOffset? InspectionReportedAt,
    bool? InspectionPassed);

/// <summary>Base of order events: source = order id, sequence = order version.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.OrderEvent")]
public abstract record OrderEvent(OrderSnapshot Order, DateTimeOffset At) : MarketEvent(Order.OrderId, Order.Version, At);

[GenerateSerializer, Immutable, Alias("mp.analytics.OrderPlaced")]
public sealed record OrderPlaced(OrderSnapshot Order, DateTimeOffset At) : OrderEvent(Order, At);
[GenerateSerializer, Immutable, Alias("mp.analytics.OrderPaid")]
public sealed record OrderPaid(OrderSnapshot Order, DateTimeOffset At) : OrderEvent(Order, At);
[GenerateSerializer, Immutable, Alias("mp.analytics.OrderShipped")]
public sealed record OrderShipped(OrderSnapshot Order, DateTimeOffset At, bool Late) : OrderEvent(Order, At);
[GenerateSerializer, Immutable, Alias("mp.analytics.InspectionReported")]
public sealed record InspectionReported(OrderSnapshot Order, DateTimeOffset At, bool Passed, Grade VerifiedGrade) : OrderEvent(Order, At);
[GenerateSerializer, Immutable, Alias("mp.analytics.OrderDelivered")]
public sealed record OrderDelivered(OrderSnapshot Order, DateTimeOffset At) : OrderEvent(Order, At);
[GenerateSerializer, Immutable, Alias("mp.analytics.OrderDisputed")]
public sealed record OrderDisputed(OrderSnapshot Order, DateTimeOffset At) : OrderEvent(Order, At);
/// <summary>COMPLETED: the sale counts; GMV adds Price - RefundedAmount.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.OrderCompleted")]
public sealed record OrderCompleted(OrderSnapshot Order, DateTimeOffset At) : OrderEvent(Order, At);
[GenerateSerializer, Immutable, Alias("mp.analytics.OrderRefunded")]
public sealed record OrderRefunded(OrderSnapshot Order, DateTimeOffset At) : OrderEvent(Order, At);
[GenerateSerializer, Immutable, Alias("mp.analytics.OrderCancelled")]
public sealed record OrderCancelled(OrderSnapshot Order, DateTimeOffset At) : OrderEvent(Order, At);
/// <summary>
/// Any other status change (e.g. INSPECTING): every status change is announced, so subscribers never poll.
/// It moves no figure by itself; consumers keep its snapshot like any other (newest version wins).
/// </summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.OrderStatusChanged")]
public sealed record OrderStatusChanged(OrderSnapshot Order, DateTimeOffset At) : OrderEvent(Order, At);

// ---------- risk ----------

/// <summary>A seller tried to buy their own item (placeOrder answered SELF_PURCHASE). Source = AttemptId, Sequence = 1.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.SelfPurchaseAttempted")]
public sealed record SelfPurchaseAttempted(string AttemptId, DateTimeOffset At, string ItemId, string SellerId, string CategoryId, IReadOnlyList<string> CategoryPath, string RegionId)
    : MarketEvent(AttemptId, 1, At);

/// <summary>The seller's level changed. Source = seller id, Sequence = the seller's version.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.SellerLevelChanged")]
public sealed record SellerLevelChanged(string SellerId, long Version, DateTimeOffset At, SellerLevel Level, SellerLevel PreviousLevel)
    : MarketEvent(SellerId, Version, At);
