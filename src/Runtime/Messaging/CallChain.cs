namespace Marketplace.Runtime.Messaging;

/// <summary>
/// The grains a request passed through, newest first, as an immutable linked list so that each hop
/// adds one node without copying. Carried with every request so cycles are found before they hang.
/// </summary>
public sealed record CallChain(GrainId Grain, CallChain? Caller)
{
    public static CallChain Append(CallChain? chain, GrainId grain) => new(grain, chain);

    public bool Contains(GrainId grain)
    {
        for (var node = this; node is not null; node = node.Caller)
        {
            if (node.Grain == grain) return true;
        }
        return false;
    }

    /// <summary>Grains from the oldest caller to the newest.</summary>
    public List<GrainId> ToList()
    {
        var list = new List<GrainId>();
        for (var node = this; node is not null; node = node.Caller) list.Add(node.Grain);
        list.Reverse();
        return list;
    }
}
