using System.Reflection;

namespace Marketplace.Persistence.Schema;

/// <summary>The deploy/sql scripts, embedded in this assembly as <c>sql/&lt;database&gt;/&lt;file&gt;</c>.</summary>
/// <remarks>The deploy folder stays the one source of the schema: a DBA applies the same files by hand.</remarks>
public static class SchemaScripts
{
    /// <summary>The scripts of one database in the order they must run: by file name, ordinal.</summary>
    public static IReadOnlyList<(string Name, string Sql)> For(SchemaDatabase database)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"sql/{Folder(database)}/";
        var scripts = new List<(string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            scripts.Add((resource[prefix.Length..], Read(assembly, resource)));
        }

        if (scripts.Count == 0)
            throw new InvalidOperationException($"No embedded SQL scripts under '{prefix}': the build did not embed deploy/sql.");
        return scripts;
    }

    private static string Folder(SchemaDatabase database) => database switch
    {
        SchemaDatabase.Postgres => "postgres",
        SchemaDatabase.Sqlite => "sqlite",
        _ => throw new ArgumentOutOfRangeException(nameof(database), database, null),
    };

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
