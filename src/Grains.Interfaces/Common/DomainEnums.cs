namespace Marketplace.Grains.Interfaces.Common;

// Shared domain enums, named and ordered as in contract/schema.graphql so the gateway maps them 1:1.
// Defined by the read side because branch `domain` had none yet; the write side reuses them.

/// <summary>Condition grade, best first: NEW 全新, LIKE_NEW 99新, EXCELLENT 95新, GOOD 9成新, FAIR 8成新及以下, FOR_PARTS.</summary>
public enum Grade { New, LikeNew, Excellent, Good, Fair, ForParts }

public enum ItemStatus { Draft, Listed, Reserved, Sold, Delisted }

public enum OrderStatus
{
    AwaitingPayment, Paid, ShippedToInspection, Inspecting, InspectionPassed, InspectionFailed,
    Shipped, Delivered, Disputed, Completed, Cancelled, Refunded,
}

public enum PriceChangeReason { Listed, SellerChange, OfferAccepted, AutoMarkdown }

public enum SellerLevel { TopRated, AboveStandard, BelowStandard }
