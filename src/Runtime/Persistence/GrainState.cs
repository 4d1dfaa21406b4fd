namespace Marketplace.Runtime.Persistence;

/// <summary>A plain envelope for callers that use an <see cref="IGrainStorage"/> directly (tests, tools).</summary>
public sealed class GrainState<TState> : IGrainState<TState>
{
    public GrainState() : this(DefaultState<TState>.Create()) { }
    public GrainState(TState state, string? etag = null) { State = state; ETag = etag; }

    public TState State { get; set; }
    public string? ETag { get; set; }
    public bool RecordExists { get; set; }
}
