namespace Marketplace.Gateway.Loading;

/// <summary>
/// "Gateway:SellerCards": how long a gateway reuses a seller's profile for the seller shown beside an item
/// (listing rows and item pages). A listing page names up to 100 sellers; asking each seller grain on every
/// page was most of a page's cost. <c>seller(id)</c>, <c>viewer</c> and credit factors always ask the grain.
/// </summary>
public sealed class SellerCardOptions
{
    public const string SectionName = "Gateway:SellerCards";

    /// <summary>How old a reused profile may be. Zero turns reuse off. Listing pages are themselves a
    /// projection that follows the items by up to about a second, so a card of that age adds no new staleness.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Profiles kept at most; past it the cache starts over rather than grow with the number of sellers.</summary>
    public int MaxEntries { get; set; } = 100_000;
}
