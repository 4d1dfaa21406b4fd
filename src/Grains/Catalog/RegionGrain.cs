using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Catalog;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Marketplace.Grains.Catalog;

public sealed class RegionState
{
    public RegionView? Region { get; set; }
}

[GrainType("region")]
public sealed class RegionGrain([PersistentState("region")] IPersistentState<RegionState> state, TimeProvider time) : Grain, IRegionGrain
{
    public async Task<Result<RegionView>> CreateAsync(string name, CallerContext caller)
    {
        if (!caller.IsOperatorOrAdmin) return UserError.Forbidden("Only operators create regions.");
        if (state.State.Region is not null) return new UserError(ErrorCodes.AlreadyExists, $"Region '{this.GetPrimaryKeyString()}' already exists.", ["input", "id"]);
        if (Validation.Id(this.GetPrimaryKeyString(), "id") is { } idError) return idError;
        if (Validation.RequiredText(name, "name", 100) is { } nameError) return nameError;
        var region = new RegionView(this.GetPrimaryKeyString(), name.Trim(), time.GetUtcNow());
        state.State.Region = region;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ICatalogRegistryGrain>(ICatalogRegistryGrain.Key).RegisterRegionAsync(region);
        return Result.Ok(region);
    }

    public Task<RegionView?> GetAsync() => Task.FromResult(state.State.Region);
}
