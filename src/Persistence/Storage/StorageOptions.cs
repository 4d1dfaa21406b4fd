namespace Marketplace.Persistence.Storage;

/// <summary>Grain state and reminder storage, bound from the <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>The storage provider name Orleans uses when a grain names none.</summary>
    public const string DefaultProviderName = "Default";

    /// <summary><c>Sqlite</c> (default), <c>Postgres</c> or <c>Memory</c>; case does not matter.</summary>
    public string Provider { get; set; } = nameof(StorageProviderKind.Sqlite);

    /// <summary>The SQLite file (relative paths from the working directory).</summary>
    public string SqlitePath { get; set; } = "./data/marketplace.db";

    /// <summary>
    /// How long a SQLite writer waits for the file's write lock before failing. Writes are short, so even
    /// hundreds queued behind each other finish well inside it; a wait this long means a stuck process.
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SQLite's <c>synchronous</c> setting for grain state and reminders: <c>Normal</c> (default) or <c>Full</c>.
    /// In WAL mode both keep every acknowledged write across a crash or kill of the process; <c>Full</c> also
    /// across a power loss or OS crash, at the price of a disk flush per commit (the grain writes that arrive
    /// together share one, see <see cref="SqliteGrainStorage"/>).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>The provider, parsed, with an error that names the setting when it is unknown.</summary>
    public StorageProviderKind ProviderKind =>
        Enum.TryParse<StorageProviderKind>(Provider, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new InvalidOperationException(
                $"Unknown {Section}:{nameof(Provider)} '{Provider}'. Use one of: {string.Join(", ", Enum.GetNames<StorageProviderKind>())}.");
}
