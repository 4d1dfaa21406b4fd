using Marketplace.Runtime.Activation;
using Marketplace.Runtime.Cluster.Membership;
using Marketplace.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Cluster.Placement;

/// <summary>
/// Keeps one activation per grain when the view changes: activations this silo no longer owns are
/// deactivated (they come back on the owner at the next call, reloading their state), and the
/// reminder service reloads the hash ranges it now owns.
/// </summary>
internal sealed class ActivationRebalancer
{
    private readonly Catalog _catalog;
    private readonly ClusterPlacement _placement;
    private readonly LocalSiloIdentity _local;
    private readonly IServiceProvider _services;
    private readonly ILogger<ActivationRebalancer> _logger;
    private readonly ClusterMembershipView _view;

    public ActivationRebalancer(ClusterMembershipView view, Catalog catalog, ClusterPlacement placement, LocalSiloIdentity local,
        IServiceProvider services, ILogger<ActivationRebalancer> logger)
    {
        _catalog = catalog;
        _placement = placement;
        _local = local;
        _services = services;
        _logger = logger;
        _view = view;
    }

    public void Start() => _view.Changed += OnViewChanged;

    public void Stop() => _view.Changed -= OnViewChanged;

    private void OnViewChanged(ClusterMembershipView.Snapshot snapshot)
    {
        var self = _local.Silo;
        if (self is null || !snapshot.ActiveSilos.Contains(self)) return;
        var moved = 0;
        foreach (var activation in _catalog.Activations)
        {
            if (_placement.GetOwner(activation.GrainId) == self) continue;
            moved++;
            _ = activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "Placement moved the grain to another silo."));
        }
        if (moved > 0) _logger.LogInformation("View {Version}: {Count} activations moved away from {Silo}", snapshot.Version, moved, self);
        if (_services.GetService<ReminderService>() is { } reminders) _ = RefreshRemindersAsync(reminders);
    }

    private async Task RefreshRemindersAsync(ReminderService reminders)
    {
        try { await reminders.RefreshAsync(); }
        catch (Exception exception) { _logger.LogWarning(exception, "Reloading reminders after a view change failed; the periodic refresh retries"); }
    }
}

/// <summary>
/// Reminder ownership from the view: the hash space is cut into buckets and each bucket belongs to
/// the silo rendezvous hashing picks for it, so survivors take over a dead silo's buckets.
/// </summary>
internal sealed class ClusterReminderOwnership(ClusterMembershipView view, LocalSiloIdentity local) : IReminderOwnership
{
    private const int Buckets = 256;
    private const ulong BucketSize = (1UL << 32) / Buckets;
    private (long Version, SiloAddress? Self, IReadOnlyList<ReminderHashRange> Ranges) _cache = (-1, null, []);

    public IReadOnlyList<ReminderHashRange> GetOwnedRanges()
    {
        var snapshot = view.Current;
        var self = local.Silo;
        var cached = _cache;
        if (cached.Version == snapshot.Version && cached.Self == self) return cached.Ranges;
        var ranges = new List<ReminderHashRange>();
        if (self is not null && snapshot.ActiveSilos.Contains(self))
        {
            for (var bucket = 0; bucket < Buckets; bucket++)
            {
                if (RendezvousHash.PickOwner(snapshot.ActiveSilos, "reminders/" + bucket) != self) continue;
                var begin = (uint)((ulong)bucket * BucketSize);
                var end = (uint)((ulong)(bucket + 1) * BucketSize - 1);
                if (ranges.Count > 0 && ranges[^1].End + 1UL == begin) ranges[^1] = ranges[^1] with { End = end };
                else ranges.Add(new ReminderHashRange(begin, end));
            }
        }
        _cache = (snapshot.Version, self, ranges);
        return ranges;
    }
}
