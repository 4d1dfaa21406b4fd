using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.ObjectPool;

namespace Marketplace.Runtime.Transport;

/// <summary>
/// Reuses <see cref="Utf8JsonWriter"/>s across frames: one per value written was the largest
/// allocation of a cross-silo call. A writer is pointed at the frame it writes into and detached
/// (pointed at an empty sink) when returned, so the pool never keeps a frame alive.
/// </summary>
internal sealed class JsonWriterPool
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly ObjectPool<Utf8JsonWriter> _pool = new DefaultObjectPool<Utf8JsonWriter>(new Policy(), Environment.ProcessorCount * 4);

    public Utf8JsonWriter Rent(IBufferWriter<byte> output)
    {
        var writer = _pool.Get();
        writer.Reset(output);
        return writer;
    }

    public void Return(Utf8JsonWriter writer) => _pool.Return(writer);

    private sealed class Policy : IPooledObjectPolicy<Utf8JsonWriter>
    {
        private readonly ArrayBufferWriter<byte> _detached = new(1);

        public Utf8JsonWriter Create() => new(_detached, WriterOptions);

        public bool Return(Utf8JsonWriter writer)
        {
            writer.Reset(_detached);
            return true;
        }
    }
}
