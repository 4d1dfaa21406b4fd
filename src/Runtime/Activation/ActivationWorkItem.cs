using Marketplace.Runtime.Messaging;

namespace Marketplace.Runtime.Activation;

/// <summary>
/// Something that runs as a turn of an activation: a request, a timer tick, a stream delivery.
/// The activation decides when it may start from its scheduling flags.
/// </summary>
internal abstract class ActivationWorkItem
{
    /// <summary>The activation it was last queued on; set by the activation.</summary>
    internal ActivationData? Owner { get; set; }

    public virtual bool IsReadOnly => false;
    public virtual bool AlwaysInterleave => false;
    /// <summary>Whether finishing it resets the idle clock (timer ticks do not keep a grain alive).</summary>
    public virtual bool CountsAsActivity => true;
    public virtual CallChain? CallChain => null;

    /// <summary>Runs on the activation's scheduler, inside the turn.</summary>
    public abstract Task ExecuteAsync(ActivationData activation);

    /// <summary>The activation could not be created: fail with its error.</summary>
    public abstract void Reject(Exception exception);

    /// <summary>The activation went away before this ran: send it to the grain's next activation, or drop it.</summary>
    public abstract void Reroute(Catalog catalog);

    public abstract string Description { get; }
}
