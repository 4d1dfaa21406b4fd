using Marketplace.Grains.Interfaces.Offers;
using Orleans;
using Orleans.Runtime;

namespace Marketplace.Grains.Offers;

public sealed class BuyerOffersState
{
    /// <summary>The buyer's offers, oldest first.</summary>
    public List<BuyerOfferEntry> Offers { get; set; } = [];
}

public sealed record BuyerOfferEntry(string OfferId, DateTimeOffset At);

/// <summary>The offers of one buyer (Buyer.offers) and their rate (OFFER_SPAM). Kept apart from the buyer grain so offers add no state there.</summary>
[GrainType("buyer-offers")]
public sealed class BuyerOffersGrain([PersistentState("buyer-offers")] IPersistentState<BuyerOffersState> state) : Grain, IBuyerOffersGrain
{
    private static readonly TimeSpan SpamWindow = TimeSpan.FromHours(1);

    public async Task<int> AddAsync(string offerId, DateTimeOffset at)
    {
        var offers = state.State.Offers;
        if (!offers.Any(o => o.OfferId == offerId))
        {
            offers.Add(new BuyerOfferEntry(offerId, at));
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                offers.RemoveAt(offers.Count - 1);
                throw;
            }
        }
        return offers.Count(o => o.At > at - SpamWindow && o.At <= at);
    }

    public Task<IReadOnlyList<string>> GetOfferIdsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Offers.AsEnumerable().Reverse().Select(o => o.OfferId)]);
}
