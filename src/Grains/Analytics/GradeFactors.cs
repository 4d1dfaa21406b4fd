using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Typical price of a grade relative to NEW, used to convert sales at other grades when a grade has
/// too few sales: price at g = price at h × factor(g) / factor(h). Documented in docs/figures.md.
/// </summary>
public static class GradeFactors
{
    public static decimal Of(Grade grade) => grade switch
    {
        Grade.NEW => 1.00m,
        Grade.LIKE_NEW => 0.90m,
        Grade.EXCELLENT => 0.80m,
        Grade.GOOD => 0.70m,
        Grade.FAIR => 0.55m,
        Grade.FOR_PARTS => 0.30m,
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "Unknown grade."),
    };

    public static decimal Convert(decimal price, Grade from, Grade to) => price * Of(to) / Of(from);
}
