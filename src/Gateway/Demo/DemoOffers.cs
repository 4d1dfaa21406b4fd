using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Offers;

namespace Marketplace.Gateway.Demo;

/// <summary>
/// The demo market's bargaining (docs/offers.md): an offer in every status and an auto-markdown schedule, on items the
/// plan leaves LISTED. Runs once, after the plan's steps and before its sentinel order, at simulated times of the last
/// day, through the same grain calls as the mutations. The offer that EXPIRES does so because the seller answers it after
/// its expiry (the answer is refused and the offer expires then): its reminder, like every reminder, runs on real time.
/// The ACCEPTED offer is on a top-rated seller's item, so its order (left AWAITING_PAYMENT, expiring like the plan's
/// unpaid orders) can only lower that seller's defect rate: the levels the names announce stay true.
/// Idempotency keys make a repeated run (after an interrupted load) find the offers it made before and leave them.
/// </summary>
internal static class DemoOffers
{
    /// <summary>Runs the steps; answers how many grain calls returned an error they should not have (logged).</summary>
    public static async Task<int> RunAsync(IClusterClient grains, DemoMarketPlan plan, ILogger logger)
    {
        var topRated = plan.Sellers.Where(s => s.Kind == DemoSellerKind.TopRated).Select(s => s.Id).ToHashSet();
        var listed = new List<ItemView>();
        foreach (var item in plan.Items.Where(i => i.Id != plan.Sentinel.Item.Id))
            if (await grains.GetGrain<IItemGrain>(item.Id).GetAsync() is { Status: ItemStatus.LISTED, Mode: ListingMode.SALE } view) listed.Add(view);
        var forAcceptance = listed.FirstOrDefault(i => topRated.Contains(i.SellerId));
        var others = listed.Where(i => i != forAcceptance).Take(7).ToList();
        var buyers = plan.Buyers.Select(b => b.Id).ToList();
        if (forAcceptance is null || others.Count < 7 || buyers.Count < 6)
        {
            logger.LogWarning("Demo market: too few listed items or buyers for the demo offers ({Items} items, {Buyers} buyers)", listed.Count, buyers.Count);
            return 0;
        }

        var unexpected = 0;
        var end = plan.End;
        async Task<OfferView?> Make(int n, string buyerId, ItemView item, decimal share, DateTimeOffset at, string message)
        {
            var made = await DemoClock.At(at, () => grains.GetGrain<IOfferGrain>(OfferIds.ForOffer(buyerId, $"demo-offer-{n}"))
                .MakeAsync(new MakeOffer(item.Id, Math.Round(item.Price * share, 2, MidpointRounding.AwayFromZero), message, $"demo-offer-{n}"), CallerContext.User(buyerId)));
            if (made.Error is { } error) Unexpected($"offer {n} on {item.Id}", error);
            // Made by an earlier, interrupted run and answered since: leave it as it is.
            return made.Value is { Version: 1, Status: OfferStatus.PENDING } fresh ? fresh : null;
        }
        async Task Answer(OfferView? offer, DateTimeOffset at, Func<IOfferGrain, Task<Result<OfferView>>> call, string? expectedCode = null)
        {
            if (offer is null) return;
            var result = await DemoClock.At(at, () => call(grains.GetGrain<IOfferGrain>(offer.Id)));
            if (result.Error is { } error && error.Code != expectedCode) Unexpected($"answer to offer {offer.Id}", error);
        }
        void Unexpected(string what, UserError error)
        {
            unexpected++;
            logger.LogWarning("Demo market: {What} answered {Code}: {Message}", what, error.Code, error.Message);
        }
        CallerContext SellerOf(ItemView item) => CallerContext.User(item.SellerId);

        // EXPIRED: made the day before; the seller answers two hours after its expiry.
        var late = await Make(1, buyers[0], others[0], 0.85m, end - TimeSpan.FromHours(26), "Could you do this price? I can pick it up today.");
        await Answer(late, end - TimeSpan.FromHours(1), o => o.RespondAsync(OfferResponse.ACCEPT, null, SellerOf(others[0])), ErrorCodes.DeadlinePassed);
        // PENDING
        await Make(2, buyers[1], others[1], 0.80m, end - TimeSpan.FromHours(5), "Would you take this?");
        // COUNTERED
        var countered = await Make(3, buyers[2], others[2], 0.75m, end - TimeSpan.FromHours(5), "Lowest you can go?");
        await Answer(countered, end - TimeSpan.FromHours(4), o => o.RespondAsync(OfferResponse.COUNTER, Math.Round(others[2].Price * 0.9m, 2), SellerOf(others[2])));
        // DECLINED by the seller
        var declined = await Make(4, buyers[3], others[3], 0.50m, end - TimeSpan.FromHours(5), "Half price?");
        await Answer(declined, end - TimeSpan.FromHours(3), o => o.RespondAsync(OfferResponse.DECLINE, null, SellerOf(others[3])));
        // WITHDRAWN by the buyer
        var withdrawn = await Make(5, buyers[4], others[4], 0.70m, end - TimeSpan.FromHours(5), "Is this still available?");
        await Answer(withdrawn, end - TimeSpan.FromHours(2), o => o.WithdrawAsync(CallerContext.User(buyers[4])));
        // DECLINED at once by the seller's bargaining policy
        var policyResult = await DemoClock.At(end - TimeSpan.FromHours(6), () => grains.GetGrain<IItemGrain>(others[5].Id)
            .SetBargainingAsync(new Bargaining(Math.Round(others[5].Price * 0.95m, 2), Math.Round(others[5].Price * 0.6m, 2)), SellerOf(others[5])));
        if (policyResult.Error is { } policyError) Unexpected($"bargaining on {others[5].Id}", policyError);
        await Make(6, buyers[5], others[5], 0.55m, end - TimeSpan.FromHours(2), "Cash today?");
        // ACCEPTED: the order is placed at the agreed price
        var accepted = await Make(7, buyers[1], forAcceptance, 0.88m, end - TimeSpan.FromMinutes(20), "Deal at this price?");
        await Answer(accepted, end - TimeSpan.FromMinutes(15), o => o.RespondAsync(OfferResponse.ACCEPT, null, SellerOf(forAcceptance)));
        // A markdown schedule: 5 % a day down to 70 % of the price (the first step a day after the load).
        var markdown = await DemoClock.At(end - TimeSpan.FromMinutes(12), () => grains.GetGrain<IItemGrain>(others[6].Id)
            .SetAutoMarkdownAsync(5, Math.Round(others[6].Price * 0.7m, 2), SellerOf(others[6])));
        if (markdown.Error is { } markdownError) Unexpected($"markdown on {others[6].Id}", markdownError);
        return unexpected;
    }
}
