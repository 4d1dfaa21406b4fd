namespace Marketplace.GraphQL.Transport;

/// <summary>
/// Trusted (persisted) documents: a client may send <c>documentId</c> ("sha256:&lt;hex&gt;", or Apollo's
/// <c>extensions.persistedQuery.sha256Hash</c>) instead of the text. With <see cref="Required"/>, a document
/// that is not in the store is refused, whether sent as text or as an id.
/// </summary>
public sealed class TrustedDocumentOptions
{
    public TrustedDocumentStore? Store { get; set; }

    /// <summary>Accept only documents in the store (production hardening for known clients).</summary>
    public bool Required { get; set; }
}
