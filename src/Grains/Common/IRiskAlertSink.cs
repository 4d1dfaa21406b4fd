using Marketplace.Grains.Interfaces.Trust;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Common;

/// <summary>Where the write side's risk flags go (the read side's alert feed once it is wired in).</summary>
public interface IRiskAlertSink
{
    Task RaiseAsync(RiskAlert alert);
}

/// <summary>Default sink: a warning in the log, so flags are never silently lost before a feed is configured.</summary>
public sealed class LoggingRiskAlertSink(ILogger<LoggingRiskAlertSink> logger) : IRiskAlertSink
{
    public Task RaiseAsync(RiskAlert alert)
    {
        logger.LogWarning("Risk alert {Kind} ({Severity}): {Message} item={ItemId} seller={SellerId} buyer={BuyerId}",
            alert.Kind, alert.Severity, alert.Message, alert.ItemId, alert.SellerId, alert.BuyerId);
        return Task.CompletedTask;
    }
}
