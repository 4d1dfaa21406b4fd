using Marketplace.Grains.Interfaces.Catalog;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Marketplace.Grains.Catalog;

public sealed class CatalogRegistryState
{
    public Dictionary<string, CategoryView> Categories { get; set; } = [];
    public Dictionary<string, RegionView> Regions { get; set; } = [];
}

/// <summary>The list behind the <c>categories</c> and <c>regions</c> queries (small: a catalog has hundreds, not millions).</summary>
[GrainType("catalog-registry")]
public sealed class CatalogRegistryGrain([PersistentState("catalog")] IPersistentState<CatalogRegistryState> state) : Grain, ICatalogRegistryGrain
{
    public async Task RegisterCategoryAsync(CategoryView category)
    {
        if (state.State.Categories.TryGetValue(category.Id, out var known) && Same(known, category)) return;
        state.State.Categories[category.Id] = category;
        await state.WriteStateAsync();
    }

    public async Task RegisterRegionAsync(RegionView region)
    {
        if (state.State.Regions.ContainsKey(region.Id)) return;
        state.State.Regions[region.Id] = region;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<CategoryView>> GetCategoriesAsync() =>
        Task.FromResult<IReadOnlyList<CategoryView>>([.. state.State.Categories.Values.OrderBy(c => c.Id, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<RegionView>> GetRegionsAsync() =>
        Task.FromResult<IReadOnlyList<RegionView>>([.. state.State.Regions.Values.OrderBy(r => r.Id, StringComparer.Ordinal)]);

    private static bool Same(CategoryView a, CategoryView b) => a.ChildIds.SequenceEqual(b.ChildIds) && a.Name == b.Name;
}
