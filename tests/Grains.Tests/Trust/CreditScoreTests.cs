using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Trust;

namespace Marketplace.Grains.Tests.Trust;

public class CreditScoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private static int Score(SellerCounters c) => CreditScore.Compute(c, Now).Score;

    [Fact]
    public void A_new_seller_scores_600_with_all_factors_zero()
    {
        var (score, factors) = CreditScore.Compute(new SellerCounters(FirstActivityAt: Now), Now);
        Assert.Equal(600, score);
        Assert.All(factors, f => Assert.Equal(0, f.Contribution));
        Assert.Equal(CreditBand.GOOD, CreditScore.Band(score));
    }

    // Worked examples of docs/credit-score.md.
    [Fact]
    public void Example_established_seller()
    {
        // 40 completed (+100), 180 days tenure (+25), 12 ratings averaging 4.5 (+30),
        // 2 late of 42 shipped (rate 2/47, -9), 1 seller cancellation of 45 orders (1/50 -> -4),
        // 2 disputes, 1 lost of 41 delivered (-20*2/46/0.2 - 40*1/46/0.1 = -4.35 - 8.70 -> -13), no mismatches.
        var counters = new SellerCounters(Orders: 45, Shipped: 42, LateShipments: 2, Delivered: 41, Completed: 40,
            SellerCancellations: 1, Disputes: 2, DisputesLost: 1, Ratings: 12, RatingStarsTotal: 54, FirstActivityAt: Now.AddDays(-180));
        var (score, factors) = CreditScore.Compute(counters, Now);
        Assert.Equal([100, 25, 30, -9, -4, -13, 0, 0], factors.Select(f => f.Contribution));
        Assert.Equal(729, score);
        Assert.Equal(CreditBand.EXCELLENT, CreditScore.Band(score));
    }

    [Fact]
    public void Example_troubled_seller()
    {
        // 5 completed (+30), 30 days (+4), 3 ratings averaging 2 (-12), 3 late of 8 shipped (3/13 -> saturates: -40),
        // 2 cancellations of 10 orders (2/15 = 0.133 -> -27), 1 dispute lost of 6 delivered (-20*1/11/0.2 - 40*1/11/0.1 = -9.09 - 36.36 -> -45),
        // 1 mismatch (-10), 1 authenticity failure (-20).
        var counters = new SellerCounters(Orders: 10, Shipped: 8, LateShipments: 3, Delivered: 6, Completed: 5,
            SellerCancellations: 2, Disputes: 1, DisputesLost: 1, DescriptionMismatches: 1, AuthenticityFailures: 1,
            Ratings: 3, RatingStarsTotal: 6, FirstActivityAt: Now.AddDays(-30));
        var (score, factors) = CreditScore.Compute(counters, Now);
        Assert.Equal([30, 4, -12, -40, -27, -45, -10, -20], factors.Select(f => f.Contribution));
        Assert.Equal(480, score);
        Assert.Equal(CreditBand.POOR, CreditScore.Band(score));
    }

    [Theory]
    [InlineData(349, CreditBand.POOR)]
    [InlineData(549, CreditBand.POOR)]
    [InlineData(550, CreditBand.FAIR)]
    [InlineData(599, CreditBand.FAIR)]
    [InlineData(600, CreditBand.GOOD)]
    [InlineData(649, CreditBand.GOOD)]
    [InlineData(650, CreditBand.VERY_GOOD)]
    [InlineData(699, CreditBand.VERY_GOOD)]
    [InlineData(700, CreditBand.EXCELLENT)]
    [InlineData(950, CreditBand.EXCELLENT)]
    public void Bands_follow_the_contract(int score, CreditBand band) => Assert.Equal(band, CreditScore.Band(score));

    [Fact]
    public void The_worst_and_best_possible_sellers_stay_within_350_to_950()
    {
        var worst = new SellerCounters(Orders: 10, Shipped: 10, LateShipments: 10, Delivered: 10, SellerCancellations: 10,
            Disputes: 10, DisputesLost: 10, DescriptionMismatches: 50, AuthenticityFailures: 50, Ratings: 10, RatingStarsTotal: 10, FirstActivityAt: Now);
        var best = new SellerCounters(Orders: 100_000, Shipped: 100_000, Delivered: 100_000, Completed: 100_000,
            Ratings: 100_000, RatingStarsTotal: 500_000, FirstActivityAt: Now.AddYears(-10));
        Assert.Equal(350, Score(worst));
        Assert.InRange(Score(best), 700, 950);
    }

    // Property tests: random consistent counters, then one event; the contract's monotonic rules hold.
    [Fact]
    public void A_completed_order_never_lowers_the_score() =>
        ForRandomSellers(c => Assert.True(Score(c with { Completed = c.Completed + 1 }) >= Score(c)));

    [Fact]
    public void Bad_events_never_raise_the_score() =>
        ForRandomSellers(c =>
        {
            var before = Score(c);
            Assert.True(Score(c with { DisputesLost = c.DisputesLost + 1 }) <= before, "dispute lost");
            Assert.True(Score(c with { SellerCancellations = c.SellerCancellations + 1 }) <= before, "seller cancellation");
            Assert.True(Score(c with { Shipped = c.Shipped + 1, LateShipments = c.LateShipments + 1 }) <= before, "late shipment");
            Assert.True(Score(c with { DescriptionMismatches = c.DescriptionMismatches + 1 }) <= before, "mismatch");
            Assert.True(Score(c with { AuthenticityFailures = c.AuthenticityFailures + 1 }) <= before, "authenticity failure");
        });

    [Fact]
    public void Factors_always_sum_to_score_minus_600_and_the_score_stays_in_range() =>
        ForRandomSellers(c =>
        {
            var (score, factors) = CreditScore.Compute(c, Now);
            Assert.Equal(score - 600, factors.Sum(f => f.Contribution));
            Assert.InRange(score, CreditScore.Min, CreditScore.Max);
        });

    private static void ForRandomSellers(Action<SellerCounters> check)
    {
        var random = new Random(4242);
        for (var i = 0; i < 5000; i++)
        {
            var orders = random.Next(0, i % 10 == 0 ? 2000 : 40);
            var shipped = random.Next(0, orders + 1);
            var delivered = random.Next(0, shipped + 1);
            var completed = random.Next(0, delivered + 1);
            var disputes = random.Next(0, delivered + 1);
            var ratings = random.Next(0, completed + 1);
            check(new SellerCounters(
                Orders: orders, Shipped: shipped, LateShipments: random.Next(0, shipped + 1), Delivered: delivered, Completed: completed,
                SellerCancellations: random.Next(0, orders - shipped + 1), Disputes: disputes, DisputesLost: random.Next(0, disputes + 1),
                DescriptionMismatches: random.Next(0, 6), AuthenticityFailures: random.Next(0, 4),
                Ratings: ratings, RatingStarsTotal: ratings == 0 ? 0 : random.Next(ratings, 5 * ratings + 1),
                FirstActivityAt: Now.AddDays(-random.Next(0, 800))));
        }
    }
}
