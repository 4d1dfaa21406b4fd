using Marketplace.Runtime.Activation;

namespace Marketplace.Runtime.Messaging;

/// <summary>
/// What flows with the logical call inside a turn: the call chain and the running activation.
/// An AsyncLocal is the only way to follow a call across awaits; it holds no shared data.
/// </summary>
internal static class RequestContext
{
    private static readonly AsyncLocal<TurnContext?> Current = new();

    public static TurnContext? Turn => Current.Value;

    public static void Enter(ActivationData activation, CallChain chain) => Current.Value = new TurnContext(activation, chain);

    public static void Clear() => Current.Value = null;
}

internal sealed record TurnContext(ActivationData Activation, CallChain Chain);
