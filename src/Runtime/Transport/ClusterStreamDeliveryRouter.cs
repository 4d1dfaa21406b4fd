using Marketplace.Runtime.Cluster.Placement;
using Marketplace.Runtime.Streams.Queues;

namespace Marketplace.Runtime.Transport;

/// <summary>Stream events for grains placed on other silos travel to them, so each grain keeps one activation.</summary>
internal sealed class ClusterStreamDeliveryRouter(ClusterPlacement placement, LocalSiloIdentity local, ClusterMessageCenter messageCenter) : IStreamDeliveryRouter
{
    public bool IsRemote(GrainId grainId) => placement.GetOwner(grainId) is { } owner && owner != local.Silo;

    public Task<Exception?> DeliverRemotelyAsync(string providerName, GrainId grainId, Guid handleId, bool isImplicit, QueuedStreamEvent streamEvent) =>
        messageCenter.DeliverStreamEventAsync(providerName, grainId, handleId, isImplicit, streamEvent);
}
