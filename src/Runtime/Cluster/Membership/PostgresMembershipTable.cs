using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.AdoNet;

namespace Marketplace.Runtime.Cluster.Membership;

/// <summary>The membership table in PostgreSQL (deploy/sql/postgres/003_membership.sql).</summary>
internal sealed class PostgresMembershipTable(AdoNetStore store, string clusterId) : IMembershipTable, IAsyncDisposable
{
    public const string Script = "003_membership.sql";

    private const string Columns = "host, port, generation, status, suspicions, start_time, i_am_alive, etag";
    private volatile bool _versionRowExists;

    private const string BumpVersionSql = "UPDATE cluster_version SET version = version + 1 WHERE cluster_id = @cluster AND version = @version";

    public static PostgresMembershipTable Create(PostgresStorageOptions options, string clusterId) =>
        new(AdoNetStore.ForPostgres(options, Script), clusterId);

    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        if (!_versionRowExists)
        {
            // Outside the snapshot transaction: silos starting together would otherwise fail with a serialization error.
            await using var ensure = connection.CreateCommand("INSERT INTO cluster_version (cluster_id, version) VALUES (@cluster, 0) ON CONFLICT DO NOTHING");
            await ensure.With("@cluster", clusterId).ExecuteNonQueryAsync(cancellationToken);
            _versionRowExists = true;
        }
        // One snapshot for the version and the rows, so they agree.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        long version;
        await using (var read = connection.CreateCommand("SELECT version FROM cluster_version WHERE cluster_id = @cluster"))
        {
            read.Transaction = transaction;
            version = Convert.ToInt64(await read.With("@cluster", clusterId).ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        var entries = ImmutableList.CreateBuilder<MembershipEntry>();
        await using (var rows = connection.CreateCommand($"SELECT {Columns} FROM cluster_members WHERE cluster_id = @cluster"))
        {
            rows.Transaction = transaction;
            await using var reader = await rows.With("@cluster", clusterId).ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) entries.Add(ReadEntry(reader));
        }
        await transaction.CommitAsync(cancellationToken);
        return new MembershipSnapshot(version, entries.ToImmutable());
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await BumpVersionAsync(connection, transaction, expectedVersion, cancellationToken)) return false;
        await using var insert = connection.CreateCommand(
            $"INSERT INTO cluster_members (cluster_id, {Columns}) VALUES (@cluster, @host, @port, @generation, @status, @suspicions, @start, @alive, 1) ON CONFLICT DO NOTHING");
        insert.Transaction = transaction;
        AddRow(insert.With("@cluster", clusterId), entry).With("@start", entry.StartTime.ToUniversalTime());
        if (await insert.ExecuteNonQueryAsync(cancellationToken) != 1) return false;
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await BumpVersionAsync(connection, transaction, expectedVersion, cancellationToken)) return false;
        await using var update = connection.CreateCommand(
            "UPDATE cluster_members SET status = @status, suspicions = @suspicions, i_am_alive = @alive, etag = etag + 1 " +
            $"WHERE cluster_id = @cluster AND host = @host AND port = @port AND generation = @generation AND etag = @etag AND status <> {(int)SiloStatus.Dead}");
        update.Transaction = transaction;
        AddRow(update.With("@cluster", clusterId), entry).With("@etag", long.Parse(etag, CultureInfo.InvariantCulture));
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1) return false;
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "UPDATE cluster_members SET i_am_alive = @alive WHERE cluster_id = @cluster AND host = @host AND port = @port AND generation = @generation");
        await command.With("@cluster", clusterId).With("@host", silo.Host).With("@port", silo.Port).With("@generation", silo.Generation)
            .With("@alive", time.ToUniversalTime()).ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<bool> BumpVersionAsync(DbConnection connection, DbTransaction transaction, long expectedVersion, CancellationToken cancellationToken)
    {
        await using var bump = connection.CreateCommand(BumpVersionSql);
        bump.Transaction = transaction;
        return await bump.With("@cluster", clusterId).With("@version", expectedVersion).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static DbCommand AddRow(DbCommand command, MembershipEntry entry) => command
        .With("@host", entry.Silo.Host).With("@port", entry.Silo.Port).With("@generation", entry.Silo.Generation)
        .With("@status", (int)entry.Status)
        .With("@suspicions", JsonSerializer.Serialize(entry.Suspicions.Select(v => new StoredVote(v.Voter.ToString(), v.At)).ToArray()))
        .With("@alive", entry.IAmAliveTime.ToUniversalTime());

    private static MembershipEntry ReadEntry(DbDataReader reader)
    {
        var silo = new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2));
        var votes = JsonSerializer.Deserialize<StoredVote[]>(reader.GetString(4)) ?? [];
        return new MembershipEntry(silo, (SiloStatus)reader.GetInt32(3),
            reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6),
            votes.Select(v => new SuspicionVote(SiloAddress.Parse(v.Voter), v.At)).ToImmutableList(),
            reader.GetInt64(7).ToString(CultureInfo.InvariantCulture));
    }

    private sealed record StoredVote(string Voter, DateTimeOffset At);

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
