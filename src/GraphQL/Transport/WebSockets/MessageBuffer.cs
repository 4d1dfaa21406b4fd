using System.Buffers;
using System.Net.WebSockets;

namespace Marketplace.GraphQL.Transport.WebSockets;

internal enum MessageKind { Text, Binary, TooLarge, Closed }

/// <summary>Assembles one whole WebSocket message into a pooled buffer, up to a size limit.</summary>
internal sealed class MessageBuffer : IDisposable
{
    private readonly int _maxBytes;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _length;

    public MessageBuffer(int maxBytes) => _maxBytes = maxBytes;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public async Task<MessageKind> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        _length = 0;
        var tooLarge = false;
        while (true)
        {
            if (_length == _buffer.Length)
            {
                if (_length >= _maxBytes)
                {
                    tooLarge = true;
                    _length = 0; // keep reading the frame's remainder, discard it
                }
                else
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxBytes + 1));
                    _buffer.AsSpan(0, _length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = larger;
                }
            }

            var result = await socket.ReceiveAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return MessageKind.Closed;
            _length += result.Count;
            if (_length > _maxBytes) tooLarge = true;
            if (!result.EndOfMessage) continue;
            if (tooLarge) return MessageKind.TooLarge;
            return result.MessageType == WebSocketMessageType.Binary ? MessageKind.Binary : MessageKind.Text;
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
