namespace Marketplace.Grains.Interfaces;

/// <summary>Condition grade, best first: a larger value is a worse condition.</summary>
public enum Grade { NEW, LIKE_NEW, EXCELLENT, GOOD, FAIR, FOR_PARTS }

public enum ItemStatus { DRAFT, LISTED, RESERVED, SOLD, DELISTED }

public enum OrderStatus
{
    AWAITING_PAYMENT, PAID, SHIPPED_TO_INSPECTION, INSPECTING, INSPECTION_PASSED, INSPECTION_FAILED,
    SHIPPED, DELIVERED, DISPUTED, COMPLETED, CANCELLED, REFUNDED,
}

public enum PriceChangeReason { LISTED, SELLER_CHANGE, OFFER_ACCEPTED, AUTO_MARKDOWN }
public enum CreditBand { POOR, FAIR, GOOD, VERY_GOOD, EXCELLENT }
public enum SellerLevel { TOP_RATED, ABOVE_STANDARD, BELOW_STANDARD }
public enum LedgerEntryKind { HOLD, RELEASE, FEE, REFUND }
public enum InspectionStatus { REQUESTED, RECEIVED, REPORTED }
public enum DisputeOutcome { REFUND, RELEASE, PARTIAL_REFUND }
public enum Role { USER, INSPECTOR, OPERATOR, ADMIN }
public enum AlertKind { SLOW_MOVING, PRICE_ANOMALY, SELLER_BELOW_STANDARD, SELF_DEALING, LISTING_BURST, REPEATED_CANCELLATIONS }
public enum Severity { INFO, WARNING, CRITICAL }

public static class GradeExtensions
{
    /// <summary>True when <paramref name="verified"/> is a worse condition than <paramref name="claimed"/>.</summary>
    public static bool IsBelow(this Grade verified, Grade claimed) => verified > claimed;
}
