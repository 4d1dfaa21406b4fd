using Marketplace.Grains.Common;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Trust;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Trust;

/// <summary>Trust and turnover of one seller, from facts the item and order grains report.</summary>
[GrainType("seller")]
public sealed partial class SellerGrain(
    [PersistentState("seller")] IPersistentState<SellerState> state, IOptions<MarketplaceOptions> options, TimeProvider time, IRiskAlertSink alerts,
    ILogger<SellerGrain> logger) : Grain, ISellerGrain
{
    /// <summary>This many seller cancellations within <see cref="CancellationWindow"/> raise REPEATED_CANCELLATIONS.</summary>
    internal const int RepeatedCancellationThreshold = 3;
    internal static readonly TimeSpan CancellationWindow = TimeSpan.FromDays(30);

    private SellerState S => state.State;

    // Listing pages ask for the same sellers' scores many times a second: the profile is computed at most
    // once per ProfileReuse and state change (tenure, the only time-dependent input, moves the score by far less
    // than a point in that time).
    private static readonly TimeSpan ProfileReuse = TimeSpan.FromSeconds(1);
    private SellerProfile? _profile;
    private DateTimeOffset _profileAt;

    private MarketEventOutbox? _outbox;
    private MarketEventOutbox Outbox => _outbox ??= new(this, () => state.State.Outbox, state.WriteStateAsync, options.Value.Events, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Outbox.OnActivateAsync();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Outbox.OnDeactivateAsync(reason);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == MarketEventOutbox.RetryReminder ? Outbox.OnRetryReminderAsync() : Task.CompletedTask;

    public Task<SellerProfile> GetProfileAsync()
    {
        var now = time.GetUtcNow();
        if (_profile is { } cached && now >= _profileAt && now - _profileAt < ProfileReuse) return Task.FromResult(cached);
        _profile = ComputeProfile(now);
        _profileAt = now;
        return Task.FromResult(_profile);
    }

    private SellerProfile ComputeProfile(DateTimeOffset now)
    {
        var c = S.Counters;
        var (score, factors) = CreditScore.Compute(c, now);
        var active = S.Items.Values.Count(s => s == ItemStatus.LISTED);
        var sold = S.Sales.Count;
        var days = S.Sales.Where(s => s.DaysToSell is not null).Select(s => s.DaysToSell!.Value).Order().ToArray();
        var stats = new SellerStats(
            Listed: S.Items.Count, ActiveListings: active, Sold: sold, Gmv: S.Sales.Sum(s => s.Price - s.Refunded),
            SellThroughRate: sold + active == 0 ? 0 : (double)sold / (sold + active),
            AvgDaysToSell: days.Length == 0 ? null : days.Average(), MedianDaysToSell: Median(days),
            Orders: c.Orders, CompletedOrders: c.Completed, SellerCancellations: c.SellerCancellations,
            LateShipmentRate: c.LateShipmentRate, DefectRate: c.DefectRate, DisputeRate: c.DisputeRate,
            DescriptionMismatches: c.DescriptionMismatches, AuthenticityFailures: c.AuthenticityFailures,
            AverageRating: c.AverageRating, Ratings: c.Ratings)
        {
            RentalsCompleted = S.Rentals.Completed,
            RentalDamageRate = S.Rentals.Completed == 0 ? 0 : (double)S.Rentals.Damaged / S.Rentals.Completed,
        };
        return new SellerProfile(this.GetPrimaryKeyString(), score, CreditScore.Band(score), SellerLevels.Of(c), factors, stats, c.FirstActivityAt);
    }

    public async Task RecordItemStatusAsync(string itemId, ItemStatus status, DateTimeOffset at)
    {
        if (status == ItemStatus.DRAFT || (S.Items.TryGetValue(itemId, out var known) && known == status)) return;
        _profile = null;
        S.Items[itemId] = status;
        if (S.Counters.FirstActivityAt is null) S.Counters = S.Counters with { FirstActivityAt = at };
        await state.WriteStateAsync();
    }

    public async Task RecordOrderFactAsync(SellerOrderFact fact)
    {
        if (!S.AppliedFacts.Add($"{fact.OrderId}:{fact.Kind}")) return;
        _profile = null;
        var c = S.Counters with { FirstActivityAt = S.Counters.FirstActivityAt ?? fact.At };
        S.Counters = fact.Kind switch
        {
            SellerOrderFactKind.Placed => c with { Orders = c.Orders + 1 },
            SellerOrderFactKind.Shipped => c with { Shipped = c.Shipped + 1 },
            SellerOrderFactKind.LateShipped => c with { Shipped = c.Shipped + 1, LateShipments = c.LateShipments + 1 },
            SellerOrderFactKind.Delivered => c with { Delivered = c.Delivered + 1 },
            SellerOrderFactKind.Completed => c with { Completed = c.Completed + 1 },
            SellerOrderFactKind.SellerCancelled => c with { SellerCancellations = c.SellerCancellations + 1 },
            SellerOrderFactKind.DisputeOpened => c with { Disputes = c.Disputes + 1 },
            SellerOrderFactKind.DisputeLost => c with { DisputesLost = c.DisputesLost + 1 },
            SellerOrderFactKind.DescriptionMismatch => c with { DescriptionMismatches = c.DescriptionMismatches + 1 },
            SellerOrderFactKind.AuthenticityFailure => c with { AuthenticityFailures = c.AuthenticityFailures + 1 },
            SellerOrderFactKind.Rated => c with { Ratings = c.Ratings + 1, RatingStarsTotal = c.RatingStarsTotal + fact.Stars },
            _ => throw new ArgumentOutOfRangeException(nameof(fact), fact.Kind, "Unknown seller fact."),
        };
        if (fact.Kind == SellerOrderFactKind.Completed)
        {
            double? days = fact.ListedAt is { } listed && fact.PaidAt is { } paid ? (paid - listed).TotalDays : null;
            S.Sales.Add(new SaleRecord(fact.OrderId, fact.Price, fact.Refunded, days, fact.At));
        }
        var repeated = false;
        if (fact.Kind == SellerOrderFactKind.SellerCancelled)
        {
            S.SellerCancellationTimes.RemoveAll(t => t < fact.At - CancellationWindow);
            S.SellerCancellationTimes.Add(fact.At);
            repeated = S.SellerCancellationTimes.Count >= RepeatedCancellationThreshold;
        }
        var previousLevel = S.Level;
        var level = SellerLevels.Of(S.Counters);
        if (level != previousLevel)
        {
            S.Level = level;
            S.Version++;
        }
        if (level != previousLevel)
        {
            await Outbox.WriteWithAsync(new SellerLevelChanged(this.GetPrimaryKeyString(), S.Version, fact.At, level, previousLevel));
            await Outbox.PublishAsync();
        }
        else
        {
            await state.WriteStateAsync();
        }
        if (repeated)
            await alerts.RaiseAsync(new RiskAlert(AlertKind.REPEATED_CANCELLATIONS, Severity.WARNING,
                $"Seller {this.GetPrimaryKeyString()} cancelled {S.SellerCancellationTimes.Count} orders within {CancellationWindow.TotalDays:0} days.",
                fact.At, SellerId: this.GetPrimaryKeyString()));
    }

    private static double? Median(double[] sorted) => sorted.Length == 0 ? null
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
        : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
