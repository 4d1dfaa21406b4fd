using System.Diagnostics;
using Marketplace.Runtime;

namespace Marketplace.Cluster.Tests;

public sealed record Parcel(string Id, string Body, decimal Price, int[] Numbers);

public interface IParcelGrain : IGrainWithStringKey
{
    /// <summary>Returns the parcel with its id stamped by this grain, so a caller can tell its own answer.</summary>
    Task<Parcel> EchoAsync(Parcel parcel);

    Task<int> LengthOrFailAsync(string body);

    /// <summary>Calls <paramref name="next"/>'s <see cref="PingBackAsync"/> with this grain's reference: a cycle when next calls back.</summary>
    Task<string> CallThroughAsync(IParcelGrain next);

    Task<string> PingBackAsync(IParcelGrain caller);

    Task<string> NameAsync();

    /// <summary>The trace id and parent span id the grain's turn ran under.</summary>
    Task<string> TraceAsync();

    /// <summary>Answers only after <paramref name="milliseconds"/>: longer than a short response timeout.</summary>
    Task<string> StallAsync(int milliseconds);
}

[GrainType("parcel")]
public sealed class ParcelGrain : Grain, IParcelGrain
{
    public Task<Parcel> EchoAsync(Parcel parcel) => Task.FromResult(parcel with { Id = $"{GetPrimaryKeyString()}:{parcel.Id}" });

    public Task<int> LengthOrFailAsync(string body) =>
        body.StartsWith("fail", StringComparison.Ordinal) ? throw new ArgumentException($"refused {body}") : Task.FromResult(body.Length);

    public Task<string> CallThroughAsync(IParcelGrain next) => next.PingBackAsync(GrainFactory.GetGrain<IParcelGrain>(GetPrimaryKeyString()));

    public Task<string> PingBackAsync(IParcelGrain caller) => caller.NameAsync();

    public Task<string> NameAsync() => Task.FromResult(GetPrimaryKeyString());

    public Task<string> TraceAsync() => Task.FromResult($"{Activity.Current?.TraceId}/{Activity.Current?.ParentSpanId}");

    public async Task<string> StallAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return "late";
    }
}
