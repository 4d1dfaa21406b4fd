using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Catalog;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Marketplace.Grains.Catalog;

public sealed class CategoryState
{
    public CategoryView? Category { get; set; }
}

[GrainType("category")]
public sealed class CategoryGrain([PersistentState("category")] IPersistentState<CategoryState> state, TimeProvider time) : Grain, ICategoryGrain
{
    public async Task<Result<CategoryView>> CreateAsync(CreateCategory command, CallerContext caller)
    {
        if (!caller.IsOperatorOrAdmin) return UserError.Forbidden("Only operators create categories.");
        if (state.State.Category is not null) return new UserError(ErrorCodes.AlreadyExists, $"Category '{this.GetPrimaryKeyString()}' already exists.", ["input", "id"]);
        if (Validation.Id(this.GetPrimaryKeyString(), "id") is { } idError) return idError;
        if (Validation.RequiredText(command.Name, "name", 100) is { } nameError) return nameError;
        var bounds = command.PriceBandBounds ?? [];
        if (BoundsError(bounds) is { } boundsError) return boundsError;
        if (command.ParentId is { } parentId)
        {
            if (parentId == this.GetPrimaryKeyString()) return UserError.InvalidInput("parentId", "A category cannot be its own parent.");
            if (await GrainFactory.GetGrain<ICategoryGrain>(parentId).GetAsync() is null)
                return UserError.InvalidInput("parentId", $"Unknown parent category '{parentId}'.");
        }

        var category = new CategoryView(this.GetPrimaryKeyString(), command.Name.Trim(), command.ParentId, command.HighValue, [.. bounds], [], time.GetUtcNow());
        state.State.Category = category;
        await state.WriteStateAsync();
        if (command.ParentId is { } parent) await GrainFactory.GetGrain<ICategoryGrain>(parent).AddChildAsync(category.Id);
        await Registry.RegisterCategoryAsync(category);
        return Result.Ok(category);
    }

    public Task<CategoryView?> GetAsync() => Task.FromResult(state.State.Category);

    public async Task AddChildAsync(string childId)
    {
        if (state.State.Category is not { } category || category.ChildIds.Contains(childId)) return;
        var updated = category with { ChildIds = [.. category.ChildIds, childId] };
        state.State.Category = updated;
        await state.WriteStateAsync();
        await Registry.RegisterCategoryAsync(updated);
    }

    private ICatalogRegistryGrain Registry => GrainFactory.GetGrain<ICatalogRegistryGrain>(ICatalogRegistryGrain.Key);

    /// <summary>Bounds must be positive money amounts in strictly ascending order.</summary>
    internal static UserError? BoundsError(IReadOnlyList<decimal> bounds)
    {
        for (var i = 0; i < bounds.Count; i++)
        {
            if (Money.ValidatePrice(bounds[i], "priceBandBounds") is { } error) return error;
            if (i > 0 && bounds[i] <= bounds[i - 1]) return UserError.InvalidInput("priceBandBounds", "Price band bounds must be strictly ascending.");
        }
        return null;
    }
}
