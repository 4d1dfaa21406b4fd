using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Rentals;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Rental figures and alerts from an aggregate's facts (newest snapshot per rental, so duplicated or shuffled
/// delivery gives the same numbers). Windowed by completion; active is now. Definitions in docs/rentals.md.
/// </summary>
public static class RentalFigures
{
    public static RentalStats Calculate(MarketFacts facts, StatsWindow window, DateTimeOffset now)
    {
        var length = window.Length();
        var windowStart = length is { } span ? now - span : (DateTimeOffset?)null;
        bool InWindow(DateTimeOffset? at) => at is { } t && t <= now && (windowStart is not { } from || t >= from);

        var rentals = facts.Rentals.Values;
        var completed = rentals.Where(r => r.Status == RentalStatus.COMPLETED && InWindow(r.CompletedAt)).ToList();
        double? Share(Func<RentalSnapshot, bool> which) => completed.Count == 0 ? null : (double)completed.Count(which) / completed.Count;
        return new RentalStats(
            Active: rentals.Count(r => r.Status is RentalStatus.ACTIVE or RentalStatus.OVERDUE),
            Completed: completed.Count,
            Gmv: Money.Round(completed.Sum(r => r.Gmv)),
            UtilizationRate: Utilization(facts, windowStart, now),
            AverageDays: completed.Count == 0 ? null : completed.Average(r => r.Days),
            OnTimeReturnRate: Share(r => !r.ReturnedLate),
            DamageRate: Share(r => r.DamageCharge > 0),
            DepositWaiverRate: Share(r => r.DepositWaived));
    }

    /// <summary>
    /// Rented days (hand-over to return, or to now while out) ÷ days listed for rent (RENTAL items LISTED now, from
    /// their listing), both clipped to the window; 0 with none. Items no longer listed are left out of both sides: their
    /// facts do not say when they stopped being rentable.
    /// </summary>
    private static double Utilization(MarketFacts facts, DateTimeOffset? windowStart, DateTimeOffset now)
    {
        double Days(DateTimeOffset from, DateTimeOffset to)
        {
            if (windowStart is { } start && from < start) from = start;
            if (to > now) to = now;
            return to > from ? (to - from).TotalDays : 0;
        }
        var listed = facts.Items.Values
            .Where(i => i.IsListed && i.Snapshot.Mode == ListingMode.RENTAL && i.Snapshot.ListedAt is not null)
            .ToDictionary(i => i.Snapshot.ItemId, i => i.Snapshot.ListedAt!.Value, StringComparer.Ordinal);
        var listedDays = listed.Values.Sum(at => Days(at, now));
        if (listedDays <= 0) return 0;
        var rentedDays = facts.Rentals.Values
            .Where(r => r.HandedOverAt is not null && r.Status != RentalStatus.CANCELLED && listed.ContainsKey(r.ItemId))
            .Sum(r => Days(r.HandedOverAt!.Value, r.ReturnedAt ?? now));
        return Math.Min(1, rentedDays / listedDays);
    }

    /// <summary>RENTAL_OVERDUE: every rental OVERDUE now, dated at its due time (when it became overdue).</summary>
    public static IEnumerable<Alert> OverdueAlerts(MarketFacts facts) =>
        facts.Rentals.Values.Where(r => r.Status == RentalStatus.OVERDUE).Select(r => new Alert(
            AlertKind.RENTAL_OVERDUE, Severity.WARNING,
            $"Rental {r.RentalId} of item {r.ItemId} by {r.RenterId} was due at {r.Due:O} and is not returned.",
            r.Due, r.ItemId, r.OwnerId, r.CategoryId));

    /// <summary>Keeps the newest snapshot of the rental (an older event arriving late never rolls it back).</summary>
    public static void Apply(MarketFacts facts, RentalChanged changed)
    {
        if (!facts.Rentals.TryGetValue(changed.Rental.RentalId, out var known) || known.Version < changed.Rental.Version)
            facts.Rentals[changed.Rental.RentalId] = changed.Rental;
    }
}
