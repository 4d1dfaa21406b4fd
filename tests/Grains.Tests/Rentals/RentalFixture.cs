using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Rentals;
using Marketplace.Grains.Rentals;

namespace Marketplace.Grains.Tests.Rentals;

/// <summary>Builds rentals along the flow with the pure transitions (default options: 1-day days, 1 h grace, 5 % fee).</summary>
internal static class RentalFixture
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
    public static readonly MarketplaceOptions Options = new();
    public static readonly CallerContext Renter = CallerContext.User("renter-1");
    public static readonly CallerContext Owner = CallerContext.User("owner-1");
    public static readonly CallerContext Stranger = CallerContext.User("someone-else");
    public static readonly DateTimeOffset Start = T0.AddDays(3);
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>30.00 a day, deposit 200.00, 3 days: rent 90.00, fee 4.50.</summary>
    public static RentalRecord Requested(int trustScore = 600, decimal deposit = 200m, int days = 3) =>
        RentalTransitions.Request("rnt-1", new RequestRental("item-1", Start, days, "k1"), Renter.UserId!,
            new RentalBookingGrant("item-1", Owner.UserId!, "phones", ["phones"], "sh", new RentalTerms(30m, deposit, 1, 14), Start, Start + days * Day),
            trustScore, Options, T0);

    public static RentalRecord Paid(int trustScore = 600, decimal deposit = 200m) =>
        RentalTransitions.Pay(Requested(trustScore, deposit), "pay-1", Renter, T0.AddMinutes(1)).Unwrap();

    public static RentalRecord Active(int trustScore = 600, decimal deposit = 200m) =>
        RentalTransitions.HandOver(Paid(trustScore, deposit), Owner, Start.AddHours(-2)).Unwrap();

    public static RentalRecord Returned(TimeSpan lateBy, int trustScore = 600, decimal deposit = 200m) =>
        RentalTransitions.Return(Active(trustScore, deposit), Renter, Start + 3 * Day + lateBy, Options.Rentals.ReturnGrace, Options.Deadlines.RentalCheck).Unwrap();
}
