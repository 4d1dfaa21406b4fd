using System.Diagnostics;
using Marketplace.Runtime.Metadata;

namespace Marketplace.Runtime.Messaging;

/// <summary>
/// One grain request. Local calls hand it over as is (arguments are immutable records); a transport
/// carries <see cref="Target"/>, the method's (interface name, method index), the arguments, the call
/// chain, the deadline and the trace parent, and rebuilds it on the other side.
/// </summary>
public sealed record GrainMessage(
    GrainId Target,
    GrainMethod Method,
    object?[] Arguments,
    CallChain? CallChain,
    DateTimeOffset Deadline,
    ActivityContext TraceParent)
{
    public override string ToString() => $"{Target}.{Method.Name}";
}
