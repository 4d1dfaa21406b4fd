using Marketplace.Runtime.Messaging;

namespace Marketplace.Runtime.Activation;

/// <summary>Runtime code that must run as a turn of a grain (stream deliveries); completes a task when done.</summary>
internal sealed class TurnWorkItem(GrainId grainId, Func<ActivationData, Task> action, string description) : ActivationWorkItem
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _completion.Task;
    public override string Description => description;

    public override async Task ExecuteAsync(ActivationData activation)
    {
        RequestContext.Enter(activation, Messaging.CallChain.Append(null, activation.GrainId));
        try
        {
            await action(activation);
            _completion.TrySetResult();
        }
        catch (Exception exception)
        {
            _completion.TrySetException(exception);
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    public override void Reject(Exception exception) => _completion.TrySetException(exception);

    public override void Reroute(Catalog catalog)
    {
        try
        {
            catalog.Enqueue(grainId, this);
        }
        catch (Exception exception)
        {
            _completion.TrySetException(exception);
        }
    }
}
