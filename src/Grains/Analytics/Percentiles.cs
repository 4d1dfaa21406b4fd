namespace Marketplace.Grains.Analytics;

/// <summary>
/// Percentiles by linear interpolation between closest ranks (Excel PERCENTILE.INC, Hyndman-Fan type 7):
/// over the sorted sample x[0..n-1], h = (n - 1) * p, value = x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]).
/// </summary>
public static class Percentiles
{
    public static decimal Of(IReadOnlyList<decimal> sortedAscending, decimal p)
    {
        if (sortedAscending.Count == 0) throw new ArgumentException("No values.", nameof(sortedAscending));
        if (p is < 0m or > 1m) throw new ArgumentOutOfRangeException(nameof(p), p, "A percentile is between 0 and 1.");
        var h = (sortedAscending.Count - 1) * p;
        var lower = (int)decimal.Floor(h);
        if (lower >= sortedAscending.Count - 1) return sortedAscending[^1];
        return sortedAscending[lower] + (h - lower) * (sortedAscending[lower + 1] - sortedAscending[lower]);
    }

    public static double Median(IReadOnlyList<double> sortedAscending)
    {
        if (sortedAscending.Count == 0) throw new ArgumentException("No values.", nameof(sortedAscending));
        var middle = sortedAscending.Count / 2;
        return sortedAscending.Count % 2 == 1 ? sortedAscending[middle] : (sortedAscending[middle - 1] + sortedAscending[middle]) / 2;
    }
}
