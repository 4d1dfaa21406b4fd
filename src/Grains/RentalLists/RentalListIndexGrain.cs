using Marketplace.Grains.Interfaces.Rentals;
using Orleans;
using Orleans.Runtime;

namespace Marketplace.Grains.RentalLists;

/// <summary>Serves the rental lists from memory, like the order-list index: rebuilt from the store, fed by the router after each store write.</summary>
[GrainType("rental-list-index")]
public sealed class RentalListIndexGrain(IRentalListStore store) : Grain, IRentalListIndexGrain
{
    private RentalListIndex? _index;

    private RentalListIndex Index => _index ?? throw new InvalidOperationException("The rental list index is not loaded.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var index = new RentalListIndex();
        await foreach (var row in store.ScanAsync(cancellationToken)) index.Apply(row);
        _index = index;
    }

    public Task<bool> ApplyAsync(RentalListRow row) => Task.FromResult(Index.Apply(row));

    public Task<RentalListPage> QueryAsync(RentalListQuery query) => Task.FromResult(Index.Query(query));
}
