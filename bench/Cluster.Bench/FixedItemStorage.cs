using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Items;
using Orleans.Runtime;
using Orleans.Storage;

namespace Marketplace.Cluster.Bench;

/// <summary>
/// Grain storage that answers every item read with a typical listed item (title, description, a price history of
/// three points, repair notes), so the memory figure is for item grains holding real state without a load phase.
/// </summary>
public sealed class FixedItemStorage : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState is IGrainState<ItemState> item)
        {
            var now = DateTimeOffset.UtcNow;
            var id = grainId.Key.ToString()!;
            item.State = new ItemState
            {
                Item = new ItemView(id, "seller-" + id[^3..], "phones", "sh", "Used phone in good condition " + id,
                    "Light scratches on the back, battery at 88 %, original box and charger.", Grade.GOOD, null, true, ["screen replaced 2025"],
                    420m, [new PricePoint(480m, now.AddDays(-20), PriceChangeReason.LISTED), new PricePoint(450m, now.AddDays(-10), PriceChangeReason.SELLER_CHANGE),
                        new PricePoint(420m, now.AddDays(-2), PriceChangeReason.AUTO_MARKDOWN)],
                    ItemStatus.LISTED, 37, 4, 0, now.AddDays(-20), now.AddDays(-20), null, null),
                Version = 5,
                CategoryPath = ["electronics", "phones"],
            };
            item.RecordExists = true;
            item.ETag = "1";
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
}
