namespace Marketplace.Grains.Interfaces.Offers;

/// <summary>The offers one buyer made (Buyer.offers), keyed by buyer id; newest first.</summary>
[Alias("mp.offers.IBuyerOffersGrain")]
public interface IBuyerOffersGrain : IGrainWithStringKey
{
    /// <summary>Records a new offer (once per id); answers how many offers the buyer made in the hour up to <paramref name="at"/>.</summary>
    Task<int> AddAsync(string offerId, DateTimeOffset at);

    [ReadOnly]
    Task<IReadOnlyList<string>> GetOfferIdsAsync();
}
