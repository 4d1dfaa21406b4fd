using Marketplace.Runtime;

namespace Marketplace.Grains.Interfaces.Catalog;

/// <summary>A region, keyed by its id.</summary>
public interface IRegionGrain : IGrainWithStringKey
{
    /// <summary>createRegion: OPERATOR or ADMIN; ALREADY_EXISTS on a duplicate id.</summary>
    Task<Result<RegionView>> CreateAsync(string name, CallerContext caller);

    [ReadOnly]
    Task<RegionView?> GetAsync();
}

public sealed record RegionView(string Id, string Name, DateTimeOffset CreatedAt);
