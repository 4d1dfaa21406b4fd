using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Cluster.Membership;

/// <summary>A client's view: re-reads the table every <see cref="ClusterOptions.ClientRefreshInterval"/>; clients never vote.</summary>
internal sealed class MembershipWatcher(
    IMembershipTable table,
    ClusterMembershipView view,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<MembershipWatcher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first view before the host reports started, so the first call can be placed.
        try { view.Update(await table.ReadAllAsync(cancellationToken)); }
        catch (Exception exception) { logger.LogWarning(exception, "Could not read the membership table at start; retrying in the background"); }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.ClientRefreshInterval, time, stoppingToken);
                view.Update(await table.ReadAllAsync(stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Reading the membership table failed; keeping the last view");
            }
        }
    }
}
