using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Marketplace.GraphQL.Transport.Http;

/// <summary>A request body read into a pooled buffer, refusing to read past the size limit.</summary>
internal readonly struct RequestBody : IDisposable
{
    private readonly byte[]? _buffer;

    private RequestBody(byte[]? buffer, int length, bool tooLarge)
    {
        _buffer = buffer;
        Length = length;
        TooLarge = tooLarge;
    }

    public int Length { get; }
    public bool TooLarge { get; }
    public ReadOnlyMemory<byte> Memory => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, Length);

    public static async Task<RequestBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var max = (int)Math.Min(limit, int.MaxValue - 1);
        var initial = request.ContentLength is { } declared ? (int)Math.Min(declared + 1, max + 1L) : Math.Min(4096, max + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 16));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max) break;
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, max + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
                if (length > max) break;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return new RequestBody(buffer, Math.Min(length, max), length > max);
    }

    public void Dispose()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
    }
}
