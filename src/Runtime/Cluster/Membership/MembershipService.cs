using System.Collections.Immutable;
using Marketplace.Runtime.Transport;
using Marketplace.Runtime.Cluster.Placement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Cluster.Membership;

/// <summary>
/// A silo's membership: binds the transport, joins the table (Joining, then Active), heartbeats,
/// reads the table every probe interval, probes the other active silos and votes a silo suspect
/// after <see cref="ClusterOptions.MissedProbesLimit"/> missed probes; enough fresh votes declare it
/// Dead. On stop it leaves gracefully (ShuttingDown, then Dead). A silo that finds its own row Dead
/// stops itself: that generation never serves again.
/// </summary>
internal sealed class MembershipService(
    IMembershipTable table,
    ClusterMembershipView view,
    LocalSiloIdentity local,
    SiloListener listener,
    ClusterMessageCenter messageCenter,
    ConnectionManager connections,
    ActivationRebalancer rebalancer,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<MembershipService> logger) : IHostedLifecycleService
{
    private readonly ClusterOptions _options = options.Value;
    private readonly Dictionary<SiloAddress, int> _missedProbes = [];
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private DateTimeOffset _lastHeartbeat;
    private volatile bool _killed;

    public SiloAddress Silo => local.Silo ?? throw new InvalidOperationException("The silo has not joined the cluster yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        listener.Start(messageCenter.OnInboundAsync);
        var now = time.GetUtcNow();
        var self = new SiloAddress(_options.AdvertisedHost, listener.Port, now.UtcTicks);
        local.Silo = self;
        rebalancer.Start();
        var entry = new MembershipEntry(self, SiloStatus.Joining, now, now, []);
        await RetryCasAsync(async snapshot => await table.InsertRowAsync(entry, snapshot.Version, cancellationToken), cancellationToken);
        await ChangeOwnStatusAsync(SiloStatus.Active, cancellationToken);
        await DeclarePreviousGenerationsDeadAsync(self, cancellationToken);
        await RefreshViewAsync(cancellationToken);
        logger.LogInformation("Silo {Silo} joined cluster {ClusterId} with {ActiveCount} active silos", self, _options.ClusterId, view.ActiveSilos.Length);
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>First of the stop: leave the active set so callers go elsewhere while grains deactivate.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await StopLoopAsync();
        if (_killed) return;
        try
        {
            await ChangeOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not mark silo {Silo} as shutting down", local.Silo);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Last of the stop, after grains deactivated: the row is Dead for good and the transport closes.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (!_killed)
        {
            try
            {
                await ChangeOwnStatusAsync(SiloStatus.Dead, cancellationToken);
                logger.LogInformation("Silo {Silo} left the cluster", local.Silo);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not mark silo {Silo} dead on leave; the others will vote it dead", local.Silo);
            }
        }
        rebalancer.Stop();
        messageCenter.Stopped = true;
        listener.Stop();
        connections.Stop();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Simulates a crash: no more heartbeats, answers or table writes; the others must detect it.</summary>
    public void Kill()
    {
        _killed = true;
        rebalancer.Stop();
        messageCenter.Stopped = true;
        _stopping?.Cancel();
        listener.Stop();
        connections.Stop();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ProbeInterval, time, stopping);
                await RunRoundAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The table may be unreachable (database restarting): keep serving, try again next round.
                logger.LogWarning(exception, "Membership round of silo {Silo} failed", local.Silo);
            }
        }
    }

    internal async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastHeartbeat >= _options.IAmAliveInterval)
        {
            await table.UpdateIAmAliveAsync(Silo, now, cancellationToken);
            _lastHeartbeat = now;
        }
        var snapshot = await RefreshViewAsync(cancellationToken);
        if (snapshot.Find(Silo) is { Status: SiloStatus.Dead })
        {
            logger.LogCritical("Silo {Silo} was declared dead by the cluster; stopping this process", Silo);
            Kill();
            lifetime.StopApplication();
            return;
        }

        var others = view.ActiveSilos.Where(s => s != Silo).ToArray();
        var answers = await Task.WhenAll(others.Select(s => messageCenter.PingAsync(s, _options.ProbeTimeout)));
        foreach (var gone in _missedProbes.Keys.Except(others).ToArray()) _missedProbes.Remove(gone);
        for (var i = 0; i < others.Length; i++)
        {
            var silo = others[i];
            if (answers[i])
            {
                _missedProbes.Remove(silo);
                continue;
            }
            var missed = _missedProbes[silo] = _missedProbes.GetValueOrDefault(silo) + 1;
            logger.LogDebug("Silo {Silo} missed probe {Missed} from {Self}", silo, missed, Silo);
            if (missed >= _options.MissedProbesLimit) await VoteAsync(silo, cancellationToken);
        }
    }

    /// <summary>Adds this silo's suspicion vote; declares the silo dead once the fresh votes suffice.</summary>
    private async Task VoteAsync(SiloAddress suspect, CancellationToken cancellationToken)
    {
        var snapshot = await table.ReadAllAsync(cancellationToken);
        if (snapshot.Find(suspect) is not { Status: SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown, ETag: { } etag } entry) return;
        var now = time.GetUtcNow();
        var votes = entry.Suspicions.Where(v => v.Voter != Silo && now - v.At < _options.VoteExpiration).ToImmutableList().Add(new SuspicionVote(Silo, now));
        // Only silos that still heartbeat can vote: after a whole-cluster crash the stale rows must not block the survivors.
        var voters = snapshot.Entries.Count(e => e.Status == SiloStatus.Active && e.Silo != suspect
            && (e.Silo == Silo || now - e.IAmAliveTime <= _options.IAmAliveInterval * 3));
        var needed = Math.Max(1, Math.Min(_options.VotesForDeath, voters));
        var dead = votes.Count >= needed;
        var updated = entry with { Status = dead ? SiloStatus.Dead : entry.Status, Suspicions = votes };
        if (!await table.UpdateRowAsync(updated, etag, snapshot.Version, cancellationToken)) return; // lost a race: next round
        if (dead)
        {
            logger.LogWarning("Silo {Silo} declared silo {Suspect} dead ({Votes} votes)", Silo, suspect, votes.Count);
            _missedProbes.Remove(suspect);
        }
        await RefreshViewAsync(cancellationToken);
    }

    private async Task DeclarePreviousGenerationsDeadAsync(SiloAddress self, CancellationToken cancellationToken)
    {
        foreach (var _ in Enumerable.Range(0, 5))
        {
            var snapshot = await table.ReadAllAsync(cancellationToken);
            var stale = snapshot.Entries.FirstOrDefault(e => e.Silo.Endpoint == self.Endpoint && e.Silo.Generation < self.Generation && e.Status != SiloStatus.Dead);
            if (stale is null) return;
            if (await table.UpdateRowAsync(stale with { Status = SiloStatus.Dead }, stale.ETag!, snapshot.Version, cancellationToken))
                logger.LogInformation("Silo {Silo} declared its previous incarnation {Stale} dead", self, stale.Silo);
        }
    }

    private async Task ChangeOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        await RetryCasAsync(async snapshot =>
        {
            var own = snapshot.Find(Silo) ?? throw new InvalidOperationException($"Silo {Silo} has no row in the membership table.");
            if (own.Status == SiloStatus.Dead) return true;
            return await table.UpdateRowAsync(own with { Status = status, IAmAliveTime = time.GetUtcNow() }, own.ETag!, snapshot.Version, cancellationToken);
        }, cancellationToken);
        await RefreshViewAsync(cancellationToken);
    }

    private async Task RetryCasAsync(Func<MembershipSnapshot, Task<bool>> attempt, CancellationToken cancellationToken)
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                var snapshot = await table.ReadAllAsync(cancellationToken);
                if (await attempt(snapshot)) return;
            }
            catch (System.Data.Common.DbException exception) when (tries < 50)
            {
                // Serialization conflicts with silos changing the table at the same moment, or a database blip.
                logger.LogDebug(exception, "Membership table change failed; retrying");
            }
            if (tries >= 50) throw new InvalidOperationException("The membership table kept changing: gave up after 50 attempts.");
            await Task.Delay(TimeSpan.FromMilliseconds(10 + Random.Shared.Next(40)), cancellationToken);
        }
    }

    private async Task<MembershipSnapshot> RefreshViewAsync(CancellationToken cancellationToken)
    {
        var snapshot = await table.ReadAllAsync(cancellationToken);
        view.Update(snapshot);
        return snapshot;
    }

    private async Task StopLoopAsync()
    {
        if (_stopping is null) return;
        await _stopping.CancelAsync();
        if (_loop is not null) await _loop;
        _stopping = null;
    }
}
