namespace Marketplace.Grains.Interfaces.Listings;

/// <summary>
/// A bounded read of a listing index for recommendations (docs/recommendations.md): the first
/// <paramref name="Take"/> listings matching <paramref name="Filter"/> in its <c>OrderBy</c> order, no cursor,
/// no total count (which would cost a pass over the whole scope). With <paramref name="FromPrice"/> the read
/// starts at that price: PriceAsc reads prices ≥ it upwards, PriceDesc prices &lt; it downwards, so the two
/// together are the listings nearest a price. At most <paramref name="ScanLimit"/> rows are examined, so a
/// rare filter value costs a bounded amount. <c>Filter.First</c> and <c>Filter.After</c> are ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("mp.listings.ListingProbe")]
public sealed record ListingProbe(ListingQuery Filter, int Take, decimal? FromPrice = null, int ScanLimit = ListingProbe.DefaultScanLimit)
{
    public const int DefaultScanLimit = 5_000;
    public const int MaxTake = 1_000;
}
