namespace Marketplace.Runtime.Messaging;

internal sealed class LocalPlacementDirector : IPlacementDirector
{
    public bool IsLocal(GrainId grainId) => true;
}

/// <summary>Single-silo routing: every grain lives here.</summary>
internal sealed class LocalMessageCenter(IRequestDispatcher dispatcher, IPlacementDirector placement, ResponseTracker tracker) : IMessageCenter
{
    public void SendRequest(GrainMessage message, IResponseSink? response)
    {
        if (!placement.IsLocal(message.Target))
        {
            response?.SetException(new InvalidOperationException(
                $"Grain {message.Target} is placed on another silo, but this silo has no transport to reach it."));
            return;
        }
        tracker.Track(response);
        dispatcher.Dispatch(message, response);
    }
}
