using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Rentals;
using Microsoft.Extensions.Logging;

namespace Marketplace.Gateway.Demo;

/// <summary>
/// The demo market's rentals (docs/rentals.md): four RENTAL items with bookings and rentals in every status, run as
/// grain calls at simulated times of the last days (<see cref="DemoClock.At"/>), after the plan and before the clock
/// joins real time. Reminders run on real time, so a deadline set at a simulated instant fires that long after the call:
/// the rentals that must act by themselves are set up close to the end (the overdue one is handed over late, so its due
/// has passed and it turns OVERDUE at once; the one awaiting payment is requested minutes before the end). Deposit
/// waivers follow the renters' trust scores (Marketplace:Rentals:DepositWaiverScore): the renter with the most
/// completed orders rents the last item, and their trust score waives its deposit (asserted by DemoRentalTests).
/// Ids are fixed, so a load repeated after an interruption answers ALREADY_EXISTS / INVALID_STATE and goes on.
/// </summary>
internal static class DemoRentals
{
    private static readonly HashSet<string> RepeatCodes =
        [ErrorCodes.AlreadyExists, ErrorCodes.InvalidState, ErrorCodes.DatesUnavailable, ErrorCodes.IdempotencyConflict, ErrorCodes.DeadlinePassed];

    private sealed record RentalItem(string Id, string Title, string CategoryId, decimal DailyRate, decimal Deposit, DemoSeller Owner);

    /// <returns>How many calls answered an unexpected error (logged as warnings).</returns>
    public static async Task<int> LoadAsync(IClusterClient grains, DemoMarketPlan plan, ILogger logger)
    {
        var end = plan.End;
        DateTimeOffset Ago(double days, double hours = 0) => end - TimeSpan.FromDays(days) + TimeSpan.FromHours(hours);
        var owners = plan.Sellers.Where(s => s.Kind is DemoSellerKind.TopRated or DemoSellerKind.Regular).Take(3).ToArray();
        if (owners.Length == 0 || plan.Buyers.Count < 4) return 0;
        var camera = new RentalItem("demo-rent-camera", "Sony A7 III kit for rent", "cameras", 45m, 600m, owners[0]);
        var tent = new RentalItem("demo-rent-tent", "Four-person camping tent for rent", "outdoor", 18m, 150m, owners[1 % owners.Length]);
        var bike = new RentalItem("demo-rent-bike", "Road bike, size M, for rent", "bikes", 25m, 400m, owners[2 % owners.Length]);
        // The owner who cancels a paid rental is the seller whose name already says "cancels" (a seller cancellation
        // would otherwise pull a top-rated or regular seller below the level their name announces).
        var canceller = plan.Sellers.FirstOrDefault(s => s.Kind == DemoSellerKind.Canceller) ?? owners[^1];
        var drone = new RentalItem("demo-rent-drone", "DJI Mini drone for rent", "cameras", 35m, 500m, canceller);
        var renters = plan.Buyers.Take(6).ToArray();
        string Renter(int i) => renters[i % renters.Length].Id;

        var calls = 0;
        var unexpected = 0;
        void Check<T>(string what, Result<T> result)
        {
            calls++;
            if (result.IsSuccess || RepeatCodes.Contains(result.Error!.Code)) return;
            unexpected++;
            logger.LogWarning("Demo rentals: {What} answered {Code}: {Message}", what, result.Error.Code, result.Error.Message);
        }
        Task<Result<T>> At<T>(DateTimeOffset when, Func<Task<Result<T>>> call) => DemoClock.At(when, call);

        foreach (var item in new[] { camera, tent, bike, drone })
        {
            var owner = CallerContext.User(item.Owner.Id);
            Check("list " + item.Id, await At(Ago(25), () => grains.GetGrain<IItemGrain>(item.Id).ListAsync(new ListItem(
                item.Title, "Rented by the day; deposit refunded after the check.", item.CategoryId, item.Owner.User.RegionId, Grade.EXCELLENT,
                item.Deposit, Mode: ListingMode.RENTAL, RentalTerms: new RentalTerms(item.DailyRate, item.Deposit, 1, 14)), owner)));
        }

        // Each rental: (item, renter, key, requested at, start, days) and what happens to it, each at its simulated time.
        async Task<string?> RequestAsync(RentalItem item, string renterId, string key, DateTimeOffset at, DateTimeOffset start, int days)
        {
            var renter = CallerContext.User(renterId);
            var id = RentalIds.ForRequest(renterId, key);
            var result = await At(at, () => grains.GetGrain<IRentalGrain>(id).RequestAsync(new RequestRental(item.Id, start, days, key), renter));
            Check("request " + key, result);
            return result.IsSuccess || result.Error!.Code == ErrorCodes.IdempotencyConflict ? id : null;
        }
        async Task StepAsync(string what, DateTimeOffset at, string? rentalId, Func<IRentalGrain, Task<Result<RentalView>>> call)
        {
            if (rentalId is null) return;
            Check(what, await At(at, () => call(grains.GetGrain<IRentalGrain>(rentalId))));
        }
        CallerContext Owner(RentalItem item) => CallerContext.User(item.Owner.Id);
        CallerContext User(string id) => CallerContext.User(id);

        // COMPLETED on time, no damage (camera).
        var r1 = await RequestAsync(camera, Renter(0), "demo-rental-1", Ago(13), Ago(12, 1), 3);
        await StepAsync("pay 1", Ago(13, 0.2), r1, r => r.PayAsync("demo-rental-pay-1", User(Renter(0))));
        await StepAsync("hand over 1", Ago(12, 1), r1, r => r.HandOverAsync(Owner(camera)));
        await StepAsync("return 1", Ago(9, -1), r1, r => r.ReturnAsync(User(Renter(0))));
        await StepAsync("check 1", Ago(9, 2), r1, r => r.CheckAsync(0m, null, Owner(camera)));

        // COMPLETED with damage paid from the deposit (tent).
        var r2 = await RequestAsync(tent, Renter(1), "demo-rental-2", Ago(11), Ago(10, 1), 2);
        await StepAsync("pay 2", Ago(11, 0.2), r2, r => r.PayAsync("demo-rental-pay-2", User(Renter(1))));
        await StepAsync("hand over 2", Ago(10, 1), r2, r => r.HandOverAsync(Owner(tent)));
        await StepAsync("return 2", Ago(8, -3), r2, r => r.ReturnAsync(User(Renter(1))));
        await StepAsync("check 2", Ago(8, 2), r2, r => r.CheckAsync(60m, "torn rain fly, one broken pole", Owner(tent)));

        // COMPLETED, returned a day and a few hours late: late fee of two days (bike).
        var r3 = await RequestAsync(bike, Renter(2), "demo-rental-3", Ago(9), Ago(8, 1), 2);
        await StepAsync("pay 3", Ago(9, 0.2), r3, r => r.PayAsync("demo-rental-pay-3", User(Renter(2))));
        await StepAsync("hand over 3", Ago(8, 1), r3, r => r.HandOverAsync(Owner(bike)));
        await StepAsync("return 3", Ago(5, 4), r3, r => r.ReturnAsync(User(Renter(2))));
        await StepAsync("check 3", Ago(5, 6), r3, r => r.CheckAsync(0m, null, Owner(bike)));

        // CANCELLED by the renter while awaiting payment, and by the owner once paid (drone).
        var r4 = await RequestAsync(drone, Renter(3), "demo-rental-4", Ago(6), Ago(5), 1);
        await StepAsync("cancel 4", Ago(6, 0.2), r4, r => r.CancelAsync("found one closer to home", User(Renter(3))));
        var r5 = await RequestAsync(drone, Renter(4), "demo-rental-5", Ago(4), end + TimeSpan.FromDays(10), 2);
        await StepAsync("pay 5", Ago(4, 0.2), r5, r => r.PayAsync("demo-rental-pay-5", User(Renter(4))));
        await StepAsync("cancel 5", Ago(1), r5, r => r.CancelAsync("battery swelled, not safe to rent", Owner(drone)));

        // RETURNED, waiting for the owner's check (camera): the check deadline is still ahead.
        var r6 = await RequestAsync(camera, Renter(1), "demo-rental-6", Ago(4), Ago(3, 1), 2);
        await StepAsync("pay 6", Ago(4, 0.2), r6, r => r.PayAsync("demo-rental-pay-6", User(Renter(1))));
        await StepAsync("hand over 6", Ago(3, 1), r6, r => r.HandOverAsync(Owner(camera)));
        await StepAsync("return 6", Ago(1, -2), r6, r => r.ReturnAsync(User(Renter(1))));

        // OVERDUE (drone): due a day ago; handed over late, so the due has passed and the deadline acts at once.
        var r7 = await RequestAsync(drone, Renter(5), "demo-rental-7", Ago(3), Ago(3, 1), 2);
        await StepAsync("pay 7", Ago(3, 0.2), r7, r => r.PayAsync("demo-rental-pay-7", User(Renter(5))));
        await StepAsync("hand over 7", Ago(0, -0.5), r7, r => r.HandOverAsync(Owner(drone)));

        // ACTIVE (tent), PAID for next week (bike), AWAITING_PAYMENT (camera, requested minutes ago).
        var r8 = await RequestAsync(tent, Renter(2), "demo-rental-8", Ago(1), Ago(0, -2), 3);
        await StepAsync("pay 8", Ago(1, 0.2), r8, r => r.PayAsync("demo-rental-pay-8", User(Renter(2))));
        await StepAsync("hand over 8", Ago(0, -2), r8, r => r.HandOverAsync(Owner(tent)));
        var mostActive = plan.Orders.Where(o => o.FinalStatus == OrderStatus.COMPLETED).GroupBy(o => o.BuyerId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault() ?? Renter(3);
        var r9 = await RequestAsync(bike, mostActive, "demo-rental-9", Ago(1), end + TimeSpan.FromDays(6), 3);
        await StepAsync("pay 9", Ago(1, 0.2), r9, r => r.PayAsync("demo-rental-pay-9", User(mostActive)));
        await RequestAsync(camera, Renter(3), "demo-rental-10", Ago(0, -0.2), end + TimeSpan.FromDays(5), 2);

        logger.LogInformation("Demo rentals: {Calls} calls, {Unexpected} unexpected answers", calls, unexpected);
        return unexpected;
    }
}
