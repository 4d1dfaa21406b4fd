using System.Collections.Concurrent;
using Marketplace.Runtime.Persistence;

namespace Marketplace.Runtime.Tests.Support;

/// <summary>A storage stand-in: states live in a dictionary keyed like a real store (grain id + state name).</summary>
public sealed class FakePersistentStateFactory : IPersistentStateFactory
{
    public ConcurrentDictionary<string, object?> Stored { get; } = new();
    public ConcurrentQueue<string> Created { get; } = new();
    public int Reads;

    public IPersistentState<TState> Create<TState>(IGrainContext context, PersistentStateAttribute attribute)
    {
        var key = $"{context.GrainId}/{attribute.StateName}@{attribute.StorageName ?? GrainStorageNames.Default}";
        Created.Enqueue(key);
        return new FakeState<TState>(this, key);
    }

    private sealed class FakeState<TState>(FakePersistentStateFactory owner, string key) : IPersistentState<TState>
    {
        public TState State { get; set; } = Activator.CreateInstance<TState>();
        public string? Etag { get; private set; }
        public bool RecordExists { get; private set; }

        public Task ReadStateAsync()
        {
            Interlocked.Increment(ref owner.Reads);
            if (owner.Stored.TryGetValue(key, out var value))
            {
                State = (TState)value!;
                RecordExists = true;
                Etag = "1";
            }
            return Task.CompletedTask;
        }

        public Task WriteStateAsync()
        {
            owner.Stored[key] = State;
            RecordExists = true;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync()
        {
            owner.Stored.TryRemove(key, out _);
            RecordExists = false;
            return Task.CompletedTask;
        }
    }
}
