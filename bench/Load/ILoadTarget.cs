namespace Marketplace.Load;

/// <summary>The processes under load: where GraphQL is served, with which admin token, and what happens to them midway.</summary>
public interface ILoadTarget : IAsyncDisposable
{
    string Description { get; }

    Uri Gateway { get; }

    string AdminToken { get; }

    /// <summary>What the target does to itself during the traffic (a silo killed and restarted, or nothing), marking the window it disturbs.</summary>
    Task DisruptAsync(TimeSpan trafficLength, DisruptionWindow window, Action<string> log, CancellationToken stop);
}
