using Marketplace.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Persistence.Schema;

/// <summary>
/// Applies the embedded deploy/sql scripts of every configured database, in file-name order. The scripts
/// are idempotent, so this runs at every start; it must finish before any Orleans provider reads its
/// queries from OrleansQuery (see <see cref="SiloSchemaParticipant"/> and <see cref="ClientSchemaService"/>).
/// </summary>
public sealed partial class SchemaInstaller(IOptions<SchemaOptions> options, ILogger<SchemaInstaller> logger)
{
    /// <summary>
    /// Key of the PostgreSQL advisory lock that serialises installers: three silos starting together would
    /// otherwise race on CREATE TABLE IF NOT EXISTS (it is not safe against concurrent creation). Any
    /// fixed number works as long as every installer uses the same one; this is "mkt-schm" in ASCII.
    /// </summary>
    public const long PostgresLockKey = 0x6D6B_742D_7363_686D;

    // A silo and a client in one process share this installer; the database work runs once.
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool installed;

    /// <summary>Installs every target once per process (again after a failure).</summary>
    public async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Install)
        {
            LogSkipped();
            return;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (installed)
                return;
            foreach (var target in settings.Targets.Distinct())
                await InstallAsync(target, cancellationToken).ConfigureAwait(false);
            installed = true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Applies all scripts of one database now.</summary>
    public Task InstallAsync(SchemaTarget target, CancellationToken cancellationToken) => target.Database switch
    {
        SchemaDatabase.Postgres => InstallPostgresAsync(target.ConnectionString, cancellationToken),
        SchemaDatabase.Sqlite => InstallSqliteAsync(target.ConnectionString, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Database, "Unknown database."),
    };

    private async Task InstallPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var timeout = (int)Math.Ceiling(options.Value.PostgresTimeout.TotalSeconds);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // One transaction: the lock is held to the end and released by commit or rollback (also when the
        // process dies), and a failing script leaves nothing half-applied (DDL is transactional here).
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.CommandTimeout = timeout;
            lockCommand.Parameters.AddWithValue("key", PostgresLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (name, sql) in SchemaScripts.For(SchemaDatabase.Postgres))
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = timeout };
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(name, "PostgreSQL");
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InstallSqliteAsync(string connectionString, CancellationToken cancellationToken)
    {
        SqliteConnectionSource.EnsureDirectory(connectionString);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // No surrounding transaction: the WAL pragma in 01 cannot run inside one. Each script is
        // idempotent and one embedded silo owns the file, so there is nobody to race with.
        foreach (var (name, sql) in SchemaScripts.For(SchemaDatabase.Sqlite))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(name, "SQLite");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema script {Script} applied ({Database}).")]
    private partial void LogApplied(string script, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema:Install is false: the database schema is expected to be in place (deploy/sql).")]
    private partial void LogSkipped();
}
