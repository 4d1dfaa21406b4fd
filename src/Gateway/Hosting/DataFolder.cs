namespace Marketplace.Gateway.Hosting;

/// <summary>
/// Where the gateway keeps its local files: the SQLite store (<c>Storage:SqlitePath</c>, default
/// <c>./data/marketplace.db</c>) and, in Development, the admin token. A relative path is relative to the
/// directory the gateway was started from: <c>dotnet run --project src/Gateway</c> typed at the repository
/// root keeps its data in <c>./data</c> there (the project file turns off the Web SDK's habit of running in
/// the project directory; settings are read from the output folder, so they do not depend on it).
/// </summary>
public sealed class DataFolder
{
    public const string SqlitePathKey = "Storage:SqlitePath";
    public const string DefaultSqlitePath = "./data/marketplace.db";

    private DataFolder(string path, string sqlitePath)
    {
        Path = path;
        SqlitePath = sqlitePath;
    }

    /// <summary>The folder, absolute.</summary>
    public string Path { get; }

    /// <summary>The SQLite grain store file, absolute (the listing projection sits beside it).</summary>
    public string SqlitePath { get; }

    /// <summary>The data folder of <paramref name="configuration"/>, relative paths taken from <paramref name="startDirectory"/> (default: the current directory).</summary>
    public static DataFolder Resolve(IConfiguration configuration, string? startDirectory = null)
    {
        var configured = configuration[SqlitePathKey] is { Length: > 0 } path ? path : DefaultSqlitePath;
        var sqlitePath = System.IO.Path.GetFullPath(configured, startDirectory ?? Environment.CurrentDirectory);
        return new DataFolder(System.IO.Path.GetDirectoryName(sqlitePath) ?? sqlitePath, sqlitePath);
    }

    /// <summary>
    /// Resolves the data folder once, at start, and writes the absolute store path back into the
    /// configuration: every store then opens the same file, whatever reads the setting later.
    /// </summary>
    public static DataFolder Use(IHostApplicationBuilder builder)
    {
        var folder = Resolve(builder.Configuration);
        builder.Configuration.AddInMemoryCollection([new(SqlitePathKey, folder.SqlitePath)]);
        builder.Services.AddSingleton(folder);
        return folder;
    }

    /// <summary>Whether the configured grain store is SQLite (the default).</summary>
    public static bool IsSqliteStore(IConfiguration configuration) =>
        configuration["Storage:Provider"] is not { Length: > 0 } provider || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase);
}
