using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Tests.Support;

namespace Marketplace.Runtime.Tests.Persistence;

public interface IShelfGrain : IGrainWithStringKey
{
    Task<ListingState> Get();
    Task AddBid(decimal amount);
}

/// <summary>A grain whose state lives in the Default storage (a SQLite file in these tests).</summary>
[GrainType("storage-e2e-shelf")]
public sealed class ShelfGrain([PersistentState("listing")] IPersistentState<ListingState> listing) : Grain, IShelfGrain
{
    public Task<ListingState> Get() => Task.FromResult(listing.State);

    public async Task AddBid(decimal amount)
    {
        listing.State = listing.State with { Title = this.GetPrimaryKeyString(), Bids = [.. listing.State.Bids, amount], Price = amount };
        await listing.WriteStateAsync();
    }
}

public sealed class EndToEndStorageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Grain_state_in_a_sqlite_file_survives_a_silo_restart_and_keeps_accepting_writes()
    {
        var path = _folder.File("silo.db");
        await using var silo = await Silo.StartAsync(configure: s => s.AddSqliteGrainStorage(GrainStorageNames.Default, o => o.Path = path));
        await silo.GrainFactory.GetGrain<IShelfGrain>("desk").AddBid(10.01m);
        await silo.GrainFactory.GetGrain<IShelfGrain>("desk").AddBid(12.345m);
        await silo.GrainFactory.GetGrain<IShelfGrain>("lamp").AddBid(3m);

        await silo.RestartAsync();

        var desk = silo.GrainFactory.GetGrain<IShelfGrain>("desk");
        var state = await desk.Get();
        Assert.Equal("desk", state.Title);
        Assert.Equal([10.01m, 12.345m], state.Bids);
        Assert.Equal([3m], (await silo.GrainFactory.GetGrain<IShelfGrain>("lamp").Get()).Bids);

        // The reloaded activation holds the stored ETag, so its next write goes through.
        await desk.AddBid(15m);
        await silo.RestartAsync();
        Assert.Equal([10.01m, 12.345m, 15m], (await silo.GrainFactory.GetGrain<IShelfGrain>("desk").Get()).Bids);
    }

    public void Dispose() => _folder.Dispose();
}
