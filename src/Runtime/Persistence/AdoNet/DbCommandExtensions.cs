using System.Data.Common;

namespace Marketplace.Runtime.Persistence.AdoNet;

internal static class DbCommandExtensions
{
    public static DbCommand CreateCommand(this DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand(sql);
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
