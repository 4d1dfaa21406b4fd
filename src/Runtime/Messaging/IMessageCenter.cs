namespace Marketplace.Runtime.Messaging;

/// <summary>
/// Routes requests to the silo that hosts the target. The local implementation hands them to this
/// silo's dispatcher; a cluster implementation asks <see cref="IPlacementDirector"/> and sends remote
/// ones over the network, so the dispatcher and activations never change.
/// </summary>
public interface IMessageCenter
{
    /// <summary>
    /// Sends <paramref name="message"/> on its way. Whoever holds the call until its answer comes (the
    /// response tracker for calls served here, a connection for calls sent to another silo) fails it
    /// with a <see cref="TimeoutException"/> once <see cref="GrainMessage.Deadline"/> passes.
    /// </summary>
    void SendRequest(GrainMessage message, IResponseSink? response);
}

/// <summary>Decides which silo hosts a grain. One silo: always this one.</summary>
public interface IPlacementDirector
{
    bool IsLocal(GrainId grainId);
}

/// <summary>The receiving end on a silo: finds or creates the activation and queues the request.</summary>
public interface IRequestDispatcher
{
    void Dispatch(GrainMessage message, IResponseSink? response);
}
