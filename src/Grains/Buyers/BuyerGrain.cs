using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Trust;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

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
}

[GrainType("buyer")]
public sealed class BuyerGrain([PersistentState("buyer")] IPersistentState<BuyerState> state) : Grain, IBuyerGrain
{
    private BuyerState S => state.State;

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

    // Placeholder until the trust formula (docs/trust-score.md) lands: every buyer is new.
    public Task<BuyerTrust> GetTrustAsync() =>
        Task.FromResult(new BuyerTrust(600, CreditBand.GOOD, [], S.RentalsCompleted, S.LateReturns));

    public Task RecordRentalOutcomeAsync(RentalOutcome outcome) => ApplyOnceAsync(outcome.RentalId, "rental-ended", () =>
    {
        if (outcome.FinalStatus == RentalStatus.COMPLETED) S.RentalsCompleted++;
        if (outcome.ReturnedLate) S.LateReturns++;
    });

    private async Task ApplyOnceAsync(string orderId, string fact, Action apply)
    {
        if (!S.AppliedFacts.Add($"{orderId}:{fact}")) return;
        apply();
        await state.WriteStateAsync();
    }
}
