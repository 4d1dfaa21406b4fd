using Marketplace.GraphQL.Transport;

namespace Marketplace.Gateway.Limits;

/// <summary>
/// "TrustedDocuments": the registered documents of the apps and the console (clients/documents, copied beside
/// the binary as documents/) that clients may name by hash; <see cref="Required"/> makes them the only ones accepted.
/// </summary>
public sealed class TrustedDocumentSettings
{
    public const string SectionName = "TrustedDocuments";

    /// <summary>Folder of *.graphql files; relative paths are from the gateway's binary folder.</summary>
    public string Path { get; set; } = "documents";

    /// <summary>Refuse any document that is not registered (production gateways serving only known clients).</summary>
    public bool Required { get; set; }

    public TrustedDocumentOptions Load(ILogger logger)
    {
        var folder = System.IO.Path.IsPathRooted(Path) ? Path : System.IO.Path.Combine(AppContext.BaseDirectory, Path);
        if (!Directory.Exists(folder))
        {
            if (Required) throw new InvalidOperationException($"TrustedDocuments:Required is on but the documents folder {folder} does not exist.");
            return new TrustedDocumentOptions();
        }
        var store = TrustedDocumentStore.FromDirectory(folder);
        logger.LogInformation("{Count} trusted documents from {Folder}; only these are accepted: {Required}", store.Count, folder, Required);
        return new TrustedDocumentOptions { Store = store, Required = Required };
    }
}
