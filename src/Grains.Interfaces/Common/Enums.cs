namespace Marketplace.Grains.Interfaces;

/// <summary>Condition grade, best first: a larger value is a worse condition.</summary>
[GenerateSerializer, Alias("mp.common.Grade")]
public enum Grade { NEW, LIKE_NEW, EXCELLENT, GOOD, FAIR, FOR_PARTS }

[GenerateSerializer, Alias("mp.common.ItemStatus")]
public enum ItemStatus { DRAFT, LISTED, RESERVED, SOLD, DELISTED }

[GenerateSerializer, Alias("mp.common.OrderStatus")]
public enum OrderStatus
{
    AWAITING_PAYMENT, PAID, SHIPPED_TO_INSPECTION, INSPECTING, INSPECTION_PASSED, INSPECTION_FAILED,
    SHIPPED, DELIVERED, DISPUTED, COMPLETED, CANCELLED, REFUNDED,
}

[GenerateSerializer, Alias("mp.common.PriceChangeReason")]
public enum PriceChangeReason { LISTED, SELLER_CHANGE, OFFER_ACCEPTED, AUTO_MARKDOWN }
[GenerateSerializer, Alias("mp.common.CreditBand")]
public enum CreditBand { POOR, FAIR, GOOD, VERY_GOOD, EXCELLENT }
[GenerateSerializer, Alias("mp.common.SellerLevel")]
public enum SellerLevel { TOP_RATED, ABOVE_STANDARD, BELOW_STANDARD }
[GenerateSerializer, Alias("mp.common.LedgerEntryKind")]
public enum LedgerEntryKind { HOLD, RELEASE, FEE, REFUND, DEPOSIT_HOLD, DEPOSIT_RELEASE, CHARGE }
[GenerateSerializer, Alias("mp.common.InspectionStatus")]
public enum InspectionStatus { REQUESTED, RECEIVED, REPORTED }
[GenerateSerializer, Alias("mp.common.DisputeOutcome")]
public enum DisputeOutcome { REFUND, RELEASE, PARTIAL_REFUND }
[GenerateSerializer, Alias("mp.common.Role")]
public enum Role { USER, INSPECTOR, OPERATOR, ADMIN }
[GenerateSerializer, Alias("mp.common.AlertKind")]
public enum AlertKind { SLOW_MOVING, PRICE_ANOMALY, SELLER_BELOW_STANDARD, SELF_DEALING, LISTING_BURST, REPEATED_CANCELLATIONS, RENTAL_OVERDUE, OFFER_SPAM }
[GenerateSerializer, Alias("mp.common.Severity")]
public enum Severity { INFO, WARNING, CRITICAL }
/// <summary>SALE items are bought once; RENTAL items stay LISTED and are booked by the day.</summary>
[GenerateSerializer, Alias("mp.common.ListingMode")]
public enum ListingMode { SALE, RENTAL }
[GenerateSerializer, Alias("mp.common.OfferStatus")]
public enum OfferStatus { PENDING, COUNTERED, ACCEPTED, DECLINED, EXPIRED, WITHDRAWN }
[GenerateSerializer, Alias("mp.common.OfferResponse")]
public enum OfferResponse { ACCEPT, DECLINE, COUNTER }
[GenerateSerializer, Alias("mp.common.RentalStatus")]
public enum RentalStatus { AWAITING_PAYMENT, PAID, ACTIVE, OVERDUE, RETURNED, COMPLETED, CANCELLED }

public static class GradeExtensions
{
    /// <summary>True when <paramref name="verified"/> is a worse condition than <paramref name="claimed"/>.</summary>
    public static bool IsBelow(this Grade verified, Grade claimed) => verified > claimed;
}
