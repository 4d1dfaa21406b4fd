using System.Text.Json;

namespace Marketplace.GraphQL.Transport.WebSockets;

internal sealed partial class GraphQLWebSocketSession
{
    /// <summary>A running subscribe request; owns its message document (variables, extensions point into it).</summary>
    private sealed class Operation : IDisposable
    {
        private readonly JsonDocument _document;
        private int _disposed;

        public Operation(string id, JsonDocument document, CancellationToken connection)
        {
            Id = id;
            _document = document;
            Cancellation = CancellationTokenSource.CreateLinkedTokenSource(connection);
        }

        public string Id { get; }
        public CancellationTokenSource Cancellation { get; }
        public bool CompletedByClient { get; private set; }

        /// <summary>What the admission hook handed out for this operation; released when it ends.</summary>
        public IDisposable? Lease { get; set; }

        public void CompleteByClient()
        {
            CompletedByClient = true;
            try
            {
                Cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // already finished
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            Cancellation.Dispose();
            _document.Dispose();
            Lease?.Dispose();
        }
    }
}
