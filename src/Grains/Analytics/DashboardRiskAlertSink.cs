using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Trust;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Marketplace.Grains.Analytics;

/// <summary>Sends the write side's risk flags (self-dealing, repeated cancellations) to the dashboard's alert feed (dev gateway and silos).</summary>
public sealed class DashboardRiskAlertSink(IGrainFactory grains) : IRiskAlertSink
{
    public Task RaiseAsync(RiskAlert alert) =>
        grains.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey).ReportRiskAlertAsync(alert);
}
