using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Diagnostics;

internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Activated grain {GrainId}")]
    public static partial void Activated(ILogger logger, GrainId grainId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Activation of grain {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Deactivated grain {GrainId}: {Reason}")]
    public static partial void Deactivated(ILogger logger, GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "OnDeactivateAsync of grain {GrainId} failed")]
    public static partial void DeactivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "Grain call {GrainId}.{Method} failed")]
    public static partial void CallFailed(ILogger logger, GrainId grainId, string method, Exception exception);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Grain {GrainId} is deactivated after an inconsistent state in {Method}")]
    public static partial void InconsistentState(ILogger logger, GrainId grainId, string method, Exception exception);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Call cycle detected: {Cycle}")]
    public static partial void Deadlock(ILogger logger, string cycle);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Timer of grain {GrainId} failed")]
    public static partial void TimerFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Idle collection deactivated {Count} activations")]
    public static partial void Collected(ILogger logger, int count);

    [LoggerMessage(EventId = 140, Level = LogLevel.Warning, Message = "Work item {Item} of grain {GrainId} failed unexpectedly")]
    public static partial void WorkItemFailed(ILogger logger, string item, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 150, Level = LogLevel.Warning, Message = "Stream {StreamId} delivery to {Subscriber} failed")]
    public static partial void StreamDeliveryFailed(ILogger logger, string streamId, string subscriber, Exception exception);

    [LoggerMessage(EventId = 151, Level = LogLevel.Warning, Message = "Stream {StreamId} event for {Subscriber} dropped: the grain attached no observer")]
    public static partial void StreamNoObserver(ILogger logger, string streamId, string subscriber);

    [LoggerMessage(EventId = 152, Level = LogLevel.Warning, Message = "Stream provider {Provider} stopped while deliveries were still running (shutdown timeout); unacknowledged events come again")]
    public static partial void StreamAgentsAbandoned(ILogger logger, string provider);
}
