using System.Data.Common;

namespace Marketplace.Grains.Common;

/// <summary>
/// The statements of one group-committed write, run in its transaction: on PostgreSQL in one round trip (a
/// DbBatch; a statement per row was a round trip per row, and the read-side stores fell behind under load),
/// on SQLite one by one, in process, on one reused command per distinct statement (preparing is what costs
/// there). Shared by the listing, order-list, rental-list and aggregate-fact stores.
/// </summary>
internal sealed class StatementBatch
{
    private readonly List<(string Sql, (string Name, object? Value)[] Parameters)> _statements = [];

    /// <summary>Adds a statement; its index finds its row count in <see cref="ExecuteAsync"/>'s answer.</summary>
    public int Add(string sql, params (string Name, object? Value)[] parameters)
    {
        _statements.Add((sql, parameters));
        return _statements.Count - 1;
    }

    /// <summary>Runs the statements in order; answers the rows each one changed.</summary>
    public Task<int[]> ExecuteAsync(DbConnection connection, DbTransaction transaction) =>
        connection.CanCreateBatch ? ExecuteAsBatchAsync(connection, transaction) : ExecuteOneByOneAsync(connection, transaction);

    private async Task<int[]> ExecuteAsBatchAsync(DbConnection connection, DbTransaction transaction)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (sql, parameters) in _statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            Bind(command.Parameters, command.CreateParameter, parameters);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync();
        return [.. batch.BatchCommands.Select(c => c.RecordsAffected)];
    }

    private async Task<int[]> ExecuteOneByOneAsync(DbConnection connection, DbTransaction transaction)
    {
        var counts = new int[_statements.Count];
        var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            for (var i = 0; i < _statements.Count; i++)
            {
                var (sql, parameters) = _statements[i];
                if (!commands.TryGetValue(sql, out var command))
                    commands[sql] = command = SchemaOnceConnections.Command(connection, transaction, sql);
                command.Parameters.Clear();
                Bind(command.Parameters, command.CreateParameter, parameters);
                counts[i] = await command.ExecuteNonQueryAsync();
            }
            return counts;
        }
        finally
        {
            foreach (var command in commands.Values) await command.DisposeAsync();
        }
    }

    private static void Bind(DbParameterCollection target, Func<DbParameter> create, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            target.Add(parameter);
        }
    }
}
