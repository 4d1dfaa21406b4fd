
namespace Marketplace.Grains.Interfaces.Catalog;

/// <summary>A category, keyed by its id. Created once; children are added as sub-categories are created.</summary>
[Alias("mp.catalog.ICategoryGrain")]
public interface ICategoryGrain : IGrainWithStringKey
{
    /// <summary>createCategory: OPERATOR or ADMIN; ALREADY_EXISTS on a duplicate id, INVALID_INPUT on unknown parent or bad bounds.</summary>
    Task<Result<CategoryView>> CreateAsync(CreateCategory command, CallerContext caller);

    [ReadOnly]
    Task<CategoryView?> GetAsync();

    /// <summary>Called by a newly created child category.</summary>
    Task AddChildAsync(string childId);
}

[GenerateSerializer, Immutable, Alias("mp.catalog.CreateCategory")]
public sealed record CreateCategory(string Name, string? ParentId = null, bool HighValue = false, IReadOnlyList<decimal>? PriceBandBounds = null);

[GenerateSerializer, Immutable, Alias("mp.catalog.CategoryView")]
public sealed record CategoryView(
    string Id, string Name, string? ParentId, bool HighValue,
    IReadOnlyList<decimal> PriceBandBounds, IReadOnlyList<string> ChildIds, DateTimeOffset CreatedAt);
