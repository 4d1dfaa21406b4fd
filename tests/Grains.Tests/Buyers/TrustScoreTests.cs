using Marketplace.Grains.Buyers;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Trust;

namespace Marketplace.Grains.Tests.Buyers;

public class TrustScoreTests
{
    private static int Score(BuyerCounters c) => TrustScore.Compute(c).Score;

    [Fact]
    public void A_new_buyer_scores_600_GOOD_with_every_factor_zero()
    {
        var (score, factors) = TrustScore.Compute(new BuyerCounters());
        Assert.Equal(600, score);
        Assert.Equal(["completedOrders", "onTimeRentals", "lateReturns", "damageCharges", "disputesLost", "paymentsExpired", "rentalCancellations"],
            factors.Select(f => f.Name));
        Assert.All(factors, f => Assert.Equal(0, f.Contribution));
        Assert.Equal(CreditBand.GOOD, TrustScore.Band(score));
    }

    // Worked examples of docs/trust-score.md.
    [Fact]
    public void Example_trusted_renter_has_the_deposit_waived()
    {
        // 10 completed orders: 150 × 10 ÷ 30 = 50; 5 clean rentals: 100 × 5 ÷ 15 = 33.33 -> 33.
        var (score, factors) = TrustScore.Compute(new BuyerCounters(CompletedOrders: 10, RentalsOnTime: 5));
        Assert.Equal([50, 33, 0, 0, 0, 0, 0], factors.Select(f => f.Contribution));
        Assert.Equal(683, score);
        Assert.Equal(CreditBand.VERY_GOOD, TrustScore.Band(score));
        Assert.True(score >= 650);
    }

    [Fact]
    public void Example_regular_buyer_with_a_few_slips()
    {
        // 12 completed, 1 of them a lost dispute: 11 in good standing, 150 × 11 ÷ 31 = 53.23 -> 53;
        // 6 clean rentals 100 × 6 ÷ 16 = 37.5 -> 38; 1 late return −20; 1 lost dispute −30; 1 expired payment −10.
        var (score, factors) = TrustScore.Compute(new BuyerCounters(CompletedOrders: 12, DisputesLost: 1, PaymentsExpired: 1, RentalsOnTime: 6, LateReturns: 1));
        Assert.Equal([53, 38, -20, 0, -30, -10, 0], factors.Select(f => f.Contribution));
        Assert.Equal(631, score);
        Assert.Equal(CreditBand.GOOD, TrustScore.Band(score));
    }

    [Fact]
    public void Example_troubled_renter()
    {
        // 2 completed, 1 lost dispute: 1 good, 150 ÷ 21 = 7.14 -> 7; 1 clean rental 100 ÷ 11 = 9.09 -> 9;
        // 3 late (−60, the cap), 2 damaged (−40), 1 lost dispute (−30), 2 expired payments (−20), 1 cancellation (−20).
        var (score, factors) = TrustScore.Compute(new BuyerCounters(CompletedOrders: 2, DisputesLost: 1, PaymentsExpired: 2,
            RentalsOnTime: 1, LateReturns: 3, DamageCharges: 2, RentalCancellations: 1));
        Assert.Equal([7, 9, -60, -40, -30, -20, -20], factors.Select(f => f.Contribution));
        Assert.Equal(446, score);
        Assert.Equal(CreditBand.POOR, TrustScore.Band(score));
    }

    [Fact]
    public void The_worst_and_best_buyers_stay_within_350_to_950()
    {
        Assert.Equal(350, Score(new BuyerCounters(PaymentsExpired: 100, LateReturns: 100, DamageCharges: 100, DisputesLost: 100, RentalCancellations: 100)));
        Assert.InRange(Score(new BuyerCounters(CompletedOrders: 10_000_000, RentalsOnTime: 10_000_000)), 840, 850);
    }

    [Theory]
    [InlineData(549, CreditBand.POOR)]
    [InlineData(550, CreditBand.FAIR)]
    [InlineData(650, CreditBand.VERY_GOOD)]
    [InlineData(700, CreditBand.EXCELLENT)]
    public void Bands_are_the_credit_score_bands(int score, CreditBand band)
    {
        Assert.Equal(band, TrustScore.Band(score));
        Assert.Equal(CreditScore.Band(score), TrustScore.Band(score));
    }

    // Property tests over random buyers: the contract's monotonic rules, each fact as the grain applies it.
    [Fact]
    public void Completed_orders_and_on_time_rentals_never_lower_the_score() =>
        ForRandomBuyers(c =>
        {
            var before = Score(c);
            Assert.True(Score(c with { CompletedOrders = c.CompletedOrders + 1 }) >= before, "completed order");
            Assert.True(Score(c with { RentalsOnTime = c.RentalsOnTime + 1 }) >= before, "on-time rental");
        });

    [Fact]
    public void Bad_facts_never_raise_the_score() =>
        ForRandomBuyers(c =>
        {
            var before = Score(c);
            Assert.True(Score(c with { LateReturns = c.LateReturns + 1 }) <= before, "late return");
            Assert.True(Score(c with { DamageCharges = c.DamageCharges + 1 }) <= before, "damage charge");
            Assert.True(Score(c with { PaymentsExpired = c.PaymentsExpired + 1 }) <= before, "payment expired");
            Assert.True(Score(c with { RentalCancellations = c.RentalCancellations + 1 }) <= before, "rental cancelled after payment");
            // A lost dispute arrives before its order's completion (OrderGrain): neither step, nor the pair, raises the score.
            var lost = c with { DisputesLost = c.DisputesLost + 1 };
            Assert.True(Score(lost) <= before, "dispute lost");
            Assert.True(Score(lost with { CompletedOrders = lost.CompletedOrders + 1 }) <= before, "dispute lost, then its order completed");
        });

    [Fact]
    public void Factors_always_sum_to_score_minus_600_and_the_score_stays_in_range() =>
        ForRandomBuyers(c =>
        {
            var (score, factors) = TrustScore.Compute(c);
            Assert.Equal(score - 600, factors.Sum(f => f.Contribution));
            Assert.InRange(score, CreditScore.Min, CreditScore.Max);
        });

    private static void ForRandomBuyers(Action<BuyerCounters> check)
    {
        var random = new Random(1414);
        for (var i = 0; i < 5000; i++)
        {
            var completed = random.Next(0, i % 10 == 0 ? 3000 : 40);
            check(new BuyerCounters(
                CompletedOrders: completed, DisputesLost: random.Next(0, Math.Min(completed, 8) + 1), PaymentsExpired: random.Next(0, 8),
                RentalsOnTime: random.Next(0, i % 7 == 0 ? 1000 : 30), LateReturns: random.Next(0, 6), DamageCharges: random.Next(0, 6),
                RentalCancellations: random.Next(0, 5)));
        }
    }
}
