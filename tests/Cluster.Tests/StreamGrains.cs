using System.Collections.Immutable;
using Marketplace.Runtime;
using Marketplace.Runtime.Cluster.Placement;
using Marketplace.Runtime.Streams;

namespace Marketplace.Cluster.Tests;

public sealed record ValueEvent(int Value, bool Poison = false);

public sealed record ConsumerState
{
    public long LastSequence { get; init; }
    public ImmutableList<int> Values { get; init; } = [];
    public ImmutableList<string> Silos { get; init; } = [];
}

public interface IStreamConsumerGrain : IGrainWithStringKey
{
    Task<ConsumerState> GetAsync();
}

/// <summary>Applies each event once: it remembers the last sequence token it applied (redeliveries are skipped).</summary>
[GrainType("streamconsumer")]
[ImplicitStreamSubscription(StreamConsumerGrain.Namespace)]
public sealed class StreamConsumerGrain(
    [PersistentState("consumer")] IPersistentState<ConsumerState> state,
    LocalSiloIdentity silo) : Grain, IStreamConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<ValueEvent>
{
    public const string Namespace = "values";

    public Task<ConsumerState> GetAsync() => Task.FromResult(state.State);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<ValueEvent>().ResumeAsync(this);

    public async Task OnNextAsync(ValueEvent item, StreamSequenceToken? token = null)
    {
        if (item.Poison) throw new InvalidOperationException($"poison value {item.Value}");
        if (token is null || token.SequenceNumber <= state.State.LastSequence) return;
        state.State = state.State with
        {
            LastSequence = token.SequenceNumber,
            Values = state.State.Values.Add(item.Value),
            Silos = state.State.Silos.Add(silo.Silo!.ToString()),
        };
        await state.WriteStateAsync();
    }
}
