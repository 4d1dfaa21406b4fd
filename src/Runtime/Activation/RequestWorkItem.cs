using System.Diagnostics;
using Marketplace.Runtime.Diagnostics;
using Marketplace.Runtime.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Activation;

/// <summary>A grain method call waiting for or running its turn.</summary>
internal sealed class RequestWorkItem(GrainMessage message, IResponseSink? response, long receivedTimestamp) : ActivationWorkItem
{
    public GrainMessage Message { get; } = message;

    public override bool IsReadOnly => Message.Method.IsReadOnly;
    public override bool AlwaysInterleave => Message.Method.AlwaysInterleave;
    public override CallChain? CallChain => Message.CallChain;
    public override string Description => Message.Method.Name;

    public override async Task ExecuteAsync(ActivationData activation)
    {
        var runtime = activation.Catalog;
        var instruments = runtime.Instruments;
        var method = Message.Method;
        RequestContext.Enter(activation, Messaging.CallChain.Append(Message.CallChain, activation.GrainId));
        using var activity = instruments.ActivitySource.HasListeners()
            ? instruments.ActivitySource.StartActivity(method.Name, ActivityKind.Server, Message.TraceParent)
            : null;
        activity?.SetTag("grain.id", activation.GrainId.ToString());
        try
        {
            var grain = activation.GrainInstance!;
            if (!method.Method.DeclaringType!.IsInstanceOfType(grain))
                throw new InvalidOperationException($"Grain {activation.GrainId} ({grain.GetType().Name}) does not implement {method.Method.DeclaringType.Name}.");
            await method.InvokeOnGrainAsync(grain, Message.Arguments, response);
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            instruments.FailedCalls.Add(1);
            response?.SetException(exception);
            if (exception is InconsistentStateException)
            {
                RuntimeLog.InconsistentState(runtime.Logger, activation.GrainId, method.Name, exception);
                _ = activation.Deactivate(new DeactivationReason(DeactivationReasonCode.InconsistentState, exception.Message));
            }
            else
            {
                RuntimeLog.CallFailed(runtime.Logger, activation.GrainId, method.Name, exception);
            }
        }
        finally
        {
            RequestContext.Clear();
            instruments.Calls.Add(1);
            if (instruments.CallLatency.Enabled)
                instruments.CallLatency.Record(runtime.Time.GetElapsedTime(receivedTimestamp).TotalMilliseconds);
        }
    }

    public override void Reject(Exception exception) => response?.SetException(exception);

    /// <summary>Through the message center, so in a cluster a grain that moved is reached on its new silo.</summary>
    public override void Reroute(Catalog catalog) => catalog.Services.GetRequiredService<IMessageCenter>().SendRequest(Message, response);
}
