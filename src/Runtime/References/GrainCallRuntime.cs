using System.Diagnostics;
using Marketplace.Runtime.Messaging;
using Marketplace.Runtime.Metadata;

namespace Marketplace.Runtime.References;

/// <summary>
/// Caller side of grain calls: builds the request (call chain and trace parent from the current
/// turn, deadline from the response timeout) and hands it to the message center, which sees that it times out.
/// </summary>
internal sealed class GrainCallRuntime(IMessageCenter messageCenter, ResponseTracker tracker, TimeProvider time)
{
    public Task<TResult> Call<TResult>(GrainId target, GrainMethod method, object?[] arguments)
    {
        var message = CreateMessage(target, method, arguments, withChain: true);
        var call = new PendingCall<TResult>(message, tracker);
        messageCenter.SendRequest(message, call);
        return call.Task;
    }

    /// <summary>Fire and forget: no response, and no call chain since the caller does not wait.</summary>
    public void SendOneWay(GrainId target, GrainMethod method, object?[] arguments) =>
        messageCenter.SendRequest(CreateMessage(target, method, arguments, withChain: false), null);

    private GrainMessage CreateMessage(GrainId target, GrainMethod method, object?[] arguments, bool withChain) => new(
        target,
        method,
        arguments,
        withChain ? RequestContext.Turn?.Chain : null,
        time.GetUtcNow() + tracker.ResponseTimeout,
        Activity.Current?.Context ?? default);
}
