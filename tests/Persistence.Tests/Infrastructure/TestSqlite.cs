using Microsoft.Data.Sqlite;

namespace Marketplace.Persistence.Tests.Infrastructure;

/// <summary>A SQLite file in a fresh temporary folder per test class, deleted afterwards.</summary>
public sealed class TestSqlite : IDisposable
{
    private readonly string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mkt-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The file; its folder does not exist yet (the installer creates it).</summary>
    public string Path => System.IO.Path.Combine(directory, "nested", "marketplace.db");

    public List<T> Query<T>(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finalising connection: the temp folder is cleaned by the OS.
        }
    }
}
