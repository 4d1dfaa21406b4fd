using Microsoft.Extensions.Configuration;

namespace Marketplace.Persistence.Configuration;

/// <summary>Connection strings from the standard <c>ConnectionStrings</c> section.</summary>
internal static class ConnectionStrings
{
    /// <summary>The name of the PostgreSQL connection string.</summary>
    public const string Postgres = "Postgres";

    /// <summary>The ADO.NET invariant Orleans' providers map to Npgsql (membership, state, reminders, streams).</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>The PostgreSQL connection string, or an error that says which setting asked for it.</summary>
    public static string RequirePostgres(IConfiguration configuration, string requiredBy)
    {
        var value = configuration.GetConnectionString(Postgres);
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException(
                $"{requiredBy} needs PostgreSQL, but ConnectionStrings:{Postgres} is not set.");
        return value;
    }
}
