using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Trust;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Buyers;

public sealed class BuyerState
{
    public int Orders { get; set; }
    public int CompletedOrders { get; set; }
    public decimal Spend { get; set; }
    public int DisputesOpened { get; set; }
    public int BuyerCancellations { get; set; }
    public List<string> Favorites { get; set; } = [];
    /// <summary>"orderId:fact" already applied, so a retried notification counts once.</summary>
    public HashSet<string> AppliedFacts { get; set; } = [];
    /// <summary>Payment idempotency key -> the order it paid.</summary>
    public Dictionary<string, string> PaymentKeys { get; set; } = [];
    public int RentalsCompleted { get; set; }
    public int LateReturns { get; set; }
    public BuyerTrustState Trust { get; set; } = new();
}

/// <summary>The buyer's trust counters beyond the order figures, and the history recommendations learn from.</summary>
public sealed class BuyerTrustState
{
    public int DisputesLost { get; set; }
    public int PaymentsExpired { get; set; }
    public int RentalsOnTime { get; set; }
    public int DamageCharges { get; set; }
    public int RentalCancellations { get; set; }
    /// <summary>Newest first, at most <see cref="BuyerGrain.MaxRecentViews"/>.</summary>
    public List<string> RecentViews { get; set; } = [];
    /// <summary>Oldest first, at most <see cref="BuyerGrain.MaxHistory"/>.</summary>
    public List<string> OrderedItems { get; set; } = [];
    public List<string> RentedItems { get; set; } = [];
}

[GrainType("buyer")]
public sealed class BuyerGrain([PersistentState("buyer")] IPersistentState<BuyerState> state, IOptions<MarketplaceOptions> options) : Grain, IBuyerGrain
{
    /// <summary>Recommendations need a taste of recent interest, not the whole browsing history.</summary>
    internal const int MaxRecentViews = 50;
    /// <summary>Ordered and rented items kept for recommendations (the oldest fall out).</summary>
    internal const int MaxHistory = 200;

    private BuyerState S => state.State;
    private BuyerTrustState T => state.State.Trust;

    public Task<BuyerView> GetAsync() => Task.FromResult(new BuyerView(
        this.GetPrimaryKeyString(), S.Orders, S.CompletedOrders, S.Spend, S.CompletedOrders >= 2, S.DisputesOpened, S.BuyerCancellations, [.. S.Favorites]));

    public Task RecordOrderPlacedAsync(string orderId, DateTimeOffset at) => ApplyOnceAsync(orderId, "placed", () => S.Orders++);

    public Task RecordOrderCompletedAsync(string orderId, decimal amountSpent, DateTimeOffset at) =>
        ApplyOnceAsync(orderId, "completed", () => { S.CompletedOrders++; S.Spend += amountSpent; });

    public Task RecordDisputeOpenedAsync(string orderId, DateTimeOffset at) => ApplyOnceAsync(orderId, "disputed", () => S.DisputesOpened++);

    public Task RecordBuyerCancellationAsync(string orderId, DateTimeOffset at) => ApplyOnceAsync(orderId, "cancelled", () => S.BuyerCancellations++);

    public async Task<bool> AddFavoriteAsync(string itemId)
    {
        if (S.Favorites.Contains(itemId)) return false;
        S.Favorites.Add(itemId);
        await state.WriteStateAsync();
        return true;
    }

    public async Task<string> ClaimPaymentKeyAsync(string idempotencyKey, string orderId)
    {
        if (S.PaymentKeys.TryGetValue(idempotencyKey, out var owner)) return owner;
        S.PaymentKeys[idempotencyKey] = orderId;
        await state.WriteStateAsync();
        return orderId;
    }

    /// <summary>Recomputed from the counters on every read (as the seller credit score), so it is always current.</summary>
    public Task<BuyerTrust> GetTrustAsync()
    {
        var (score, factors) = TrustScore.Compute(Counters);
        return Task.FromResult(new BuyerTrust(score, TrustScore.Band(score), factors, S.RentalsCompleted, S.LateReturns,
            DepositWaived: score >= options.Value.Rentals.DepositWaiverScore));
    }

    internal BuyerCounters Counters => new(S.CompletedOrders, T.DisputesLost, T.PaymentsExpired, T.RentalsOnTime, S.LateReturns, T.DamageCharges, T.RentalCancellations);

    public Task RecordRentalOutcomeAsync(RentalOutcome outcome) => ApplyOnceAsync(outcome.RentalId, "rental-ended", () =>
    {
        var completed = outcome.FinalStatus == RentalStatus.COMPLETED;
        if (completed) S.RentalsCompleted++;
        if (outcome.ReturnedLate) S.LateReturns++;
        if (outcome.DamageCharge > 0) T.DamageCharges++;
        // A damaged or late rental is a bad fact: it must not also earn on-time credit (docs/trust-score.md).
        if (completed && !outcome.ReturnedLate && outcome.DamageCharge <= 0) T.RentalsOnTime++;
        if (outcome.CancelledByRenterAfterPayment) T.RentalCancellations++;
        AddBounded(T.RentedItems, outcome.ItemId); // a cancelled rental still says what the renter wanted
    });

    public Task RecordDisputeLostAsync(string orderId, DateTimeOffset at) => ApplyOnceAsync(orderId, "dispute-lost", () => T.DisputesLost++);

    public Task RecordPaymentExpiredAsync(string orderId, DateTimeOffset at) => ApplyOnceAsync(orderId, "payment-expired", () => T.PaymentsExpired++);

    public Task RecordItemOrderedAsync(string orderId, string itemId) => ApplyOnceAsync(orderId, "item-ordered", () => AddBounded(T.OrderedItems, itemId));

    public async Task RecordViewAsync(string itemId)
    {
        if (T.RecentViews.Count > 0 && T.RecentViews[0] == itemId) return; // a reload of the same page: nothing to write
        T.RecentViews.Remove(itemId);
        T.RecentViews.Insert(0, itemId);
        if (T.RecentViews.Count > MaxRecentViews) T.RecentViews.RemoveRange(MaxRecentViews, T.RecentViews.Count - MaxRecentViews);
        await state.WriteStateAsync();
    }

    public Task<BuyerHistory> GetHistoryAsync() =>
        Task.FromResult(new BuyerHistory([.. T.RecentViews], [.. S.Favorites], [.. T.OrderedItems], [.. T.RentedItems]));

    private static void AddBounded(List<string> items, string? itemId)
    {
        if (string.IsNullOrEmpty(itemId) || items.Contains(itemId)) return;
        items.Add(itemId);
        if (items.Count > MaxHistory) items.RemoveAt(0);
    }

    private async Task ApplyOnceAsync(string orderId, string fact, Action apply)
    {
        if (!S.AppliedFacts.Add($"{orderId}:{fact}")) return;
        apply();
        await state.WriteStateAsync();
    }
}
