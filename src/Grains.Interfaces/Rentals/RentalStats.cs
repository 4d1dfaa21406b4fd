namespace Marketplace.Grains.Interfaces.Rentals;

/// <summary>The contract's RentalStats of a category, region or the platform (docs/rentals.md "Figures").</summary>
[GenerateSerializer, Immutable, Alias("mp.rentals.RentalStats")]
public sealed record RentalStats(
    int Active, int Completed, decimal Gmv, double UtilizationRate,
    double? AverageDays, double? OnTimeReturnRate, double? DamageRate, double? DepositWaiverRate)
{
    public static RentalStats Empty { get; } = new(0, 0, 0m, 0, null, null, null, null);
}
