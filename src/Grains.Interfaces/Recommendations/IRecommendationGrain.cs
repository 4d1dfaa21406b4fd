using Marketplace.Grains.Interfaces.Items;

namespace Marketplace.Grains.Interfaces.Recommendations;

/// <summary>
/// Item.similar and Buyer.recommended (docs/recommendations.md): candidates read from the listing indexes
/// (bounded reads near a price, by category and region, never a pass over every item), ranked by a fixed
/// formula, checked against the item grains so only LISTED items the caller could buy or rent come back.
/// Stateless: any activation answers (key <see cref="Key"/>).
/// </summary>
[Alias("mp.recommendations.IRecommendationGrain")]
public interface IRecommendationGrain : IGrainWithIntegerKey
{
    public const long Key = 0;
    public const int MaxFirst = 100;

    /// <summary>LISTED items like <paramref name="itemId"/>, best first, never the item itself nor <paramref name="callerId"/>'s own.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ItemView>> SimilarAsync(string itemId, string? callerId, int first);

    /// <summary>
    /// LISTED items for the buyer, best first, from what they viewed, favorited, ordered and rented, excluding what they
    /// ordered or favorited and the buyer's (and <paramref name="callerId"/>'s) own; popular items of their region with no history.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<ItemView>> RecommendedAsync(string buyerId, string? callerId, int first);
}
