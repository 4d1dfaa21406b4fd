using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace Marketplace.GraphQL.Transport;

/// <summary>
/// Known GraphQL documents by id, "sha256:" + the lowercase hex SHA-256 of the document's UTF-8 text, exactly as
/// stored (no normalisation: a client sends the hash of the text it was built with).
/// </summary>
public sealed class TrustedDocumentStore
{
    private const string Prefix = "sha256:";
    private readonly FrozenDictionary<string, string> _byId;

    public TrustedDocumentStore(IEnumerable<string> documents) =>
        _byId = documents.DistinctBy(IdOf, StringComparer.Ordinal).ToFrozenDictionary(IdOf, d => d, StringComparer.Ordinal);

    public int Count => _byId.Count;

    /// <summary>Every *.graphql file under <paramref name="directory"/> (recursively), one document each.</summary>
    public static TrustedDocumentStore FromDirectory(string directory) =>
        new(Directory.EnumerateFiles(directory, "*.graphql", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText));

    public static string IdOf(string document) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    /// <summary>The document of an id ("sha256:&lt;hex&gt;" or the bare hex, any case), or null.</summary>
    public string? Find(string documentId)
    {
        var id = documentId.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? documentId[Prefix.Length..] : documentId;
        return _byId.GetValueOrDefault(Prefix + id.ToLowerInvariant());
    }

    public bool Contains(string document) => _byId.ContainsKey(IdOf(document));
}
