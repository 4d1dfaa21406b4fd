using System.Data.Common;
using System.Globalization;
using Marketplace.Persistence.Storage;
using Microsoft.Data.Sqlite;

namespace Marketplace.Persistence.Sqlite;

/// <summary>
/// Opens connections to the embedded SQLite file, each ready for concurrent writers: a busy timeout, so a
/// writer waits for the file's single write lock instead of failing with "database is locked" (WAL mode,
/// set by deploy/sql/sqlite/01-queries.sql, lets readers go on meanwhile).
/// </summary>
/// <remarks>
/// The grain storage (<see cref="Storage.SqliteGrainStorage"/>) and the reminder table open every connection
/// through it, the one place to run per-connection pragmas: the connection string has no busy-timeout keyword
/// (the busy timeout still matters when another process, such as the sqlite3 shell, holds the file). The DI
/// container owns and disposes it.
/// <para>
/// Connections take turns: one is open at a time, and the next opener waits here, asynchronously. SQLite
/// lets one writer at a time into the file anyway, but a writer that finds the lock taken sleeps in SQLite's
/// busy handler (1, 2, 5 … 100 ms) on a thread-pool thread, so under many concurrent grain writes the lock
/// sat idle between sleepers and the pool's few threads slept with them. Waiting here hands the file on
/// as soon as the previous statement is done and blocks no thread. Every user opens, runs one statement
/// or transaction and disposes at once; never hold a connection from this source while opening another.
/// </para>
/// </remarks>
public sealed class SqliteConnectionSource : DbDataSource
{
    private readonly string connectionString;
    private readonly string pragmas;
    // Never disposed: a SemaphoreSlim whose wait handle is not used holds nothing to free, and a connection closed
    // during shutdown must still be able to give its turn back.
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Creates a source for the file at <paramref name="path"/>.</summary>
    public SqliteConnectionSource(string path, TimeSpan busyTimeout, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (busyTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(busyTimeout), busyTimeout, "The SQLite busy timeout must be positive.");
        connectionString = BuildConnectionString(path, busyTimeout);
        pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()};");
    }

    /// <summary>
    /// The connection string for a file: created when missing, pooled, and with Microsoft.Data.Sqlite's own
    /// retry-on-busy (Default Timeout, seconds) as long as the busy timeout, for connections opened
    /// without this source (the schema installer, tools).
    /// </summary>
    public static string BuildConnectionString(string path, TimeSpan busyTimeout) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
    }.ToString();

    /// <summary>Creates the folder of the database file; SQLite creates the file but not its folder.</summary>
    public static void EnsureDirectory(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
    }

    /// <inheritdoc />
    public override string ConnectionString => connectionString;

    /// <inheritdoc />
    protected override DbConnection CreateDbConnection() => new SqliteConnection(connectionString);

    /// <inheritdoc />
    protected override DbConnection OpenDbConnection()
    {
        turn.Wait();
        return OpenInTurn();
    }

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        // Microsoft.Data.Sqlite does its I/O synchronously; only the wait for the turn is asynchronous.
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return OpenInTurn();
    }

    /// <summary>Opens a connection that gives the turn back when it is closed or disposed (the caller holds the turn).</summary>
    private DbConnection OpenInTurn()
    {
        var connection = new TurnConnection(connectionString, turn);
        try
        {
            connection.Open();
            Prepare(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A connection holding the source's turn until it is closed or disposed, whichever comes first.</summary>
    private sealed class TurnConnection(string connectionString, SemaphoreSlim turn) : SqliteConnection(connectionString)
    {
        private int _released;

        public override void Close()
        {
            try
            {
                base.Close();
            }
            finally
            {
                GiveBack();
            }
        }

        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            finally
            {
                GiveBack();
            }
        }

        private void GiveBack()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) turn.Release();
        }
    }

    /// <summary>Opens a typed connection (our own code, which wants <see cref="SqliteConnection"/>).</summary>
    public SqliteConnection Open() => (SqliteConnection)OpenDbConnection();

    private void Prepare(SqliteConnection connection)
    {
        // Per connection, also for pooled ones handed out again: cheap, and no state to track.
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }
}
