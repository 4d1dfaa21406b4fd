
namespace Marketplace.Grains.Interfaces.Catalog;

/// <summary>
/// Every category and region, for the <c>categories</c> and <c>regions</c> queries. One instance:
/// use key <see cref="Key"/>. Category and region grains register themselves on creation.
/// </summary>
[Alias("mp.catalog.ICatalogRegistryGrain")]
public interface ICatalogRegistryGrain : IGrainWithStringKey
{
    const string Key = "catalog";

    Task RegisterCategoryAsync(CategoryView category);
    Task RegisterRegionAsync(RegionView region);

    [ReadOnly]
    Task<IReadOnlyList<CategoryView>> GetCategoriesAsync();

    [ReadOnly]
    Task<IReadOnlyList<RegionView>> GetRegionsAsync();
}
