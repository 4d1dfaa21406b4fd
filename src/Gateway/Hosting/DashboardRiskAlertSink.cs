using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Trust;
using Marketplace.Runtime;

namespace Marketplace.Gateway.Hosting;

/// <summary>Sends the write side's risk flags (self-dealing, repeated cancellations) to the dashboard's alert feed.</summary>
internal sealed class DashboardRiskAlertSink(IGrainFactory grains) : IRiskAlertSink
{
    public Task RaiseAsync(RiskAlert alert) =>
        grains.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey).ReportRiskAlertAsync(alert);
}
