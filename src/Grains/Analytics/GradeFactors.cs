using Marketplace.Grains.Interfaces.Common;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Typical price of a grade relative to NEW, used to convert sales at other grades when a grade has
/// too few sales: price at g = price at h × factor(g) / factor(h). Documented in docs/figures.md.
/// </summary>
public static class GradeFactors
{
    public static decimal Of(Grade grade) => grade switch
    {
        Grade.New => 1.00m,
        Grade.LikeNew => 0.90m,
        Grade.Excellent => 0.80m,
        Grade.Good => 0.70m,
        Grade.Fair => 0.55m,
        Grade.ForParts => 0.30m,
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "Unknown grade."),
    };

    public static decimal Convert(decimal price, Grade from, Grade to) => price * Of(to) / Of(from);
}
