
namespace Marketplace.Grains.Interfaces.Catalog;

/// <summary>A region, keyed by its id.</summary>
[Alias("mp.catalog.IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    /// <summary>createRegion: OPERATOR or ADMIN; ALREADY_EXISTS on a duplicate id.</summary>
    Task<Result<RegionView>> CreateAsync(string name, CallerContext caller);

    [ReadOnly]
    Task<RegionView?> GetAsync();
}

[GenerateSerializer, Immutable, Alias("mp.catalog.RegionView")]
public sealed record RegionView(string Id, string Name, DateTimeOffset CreatedAt);
