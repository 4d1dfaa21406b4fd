namespace Marketplace.Persistence.Tests.Infrastructure;

/// <summary>A test that needs the PostgreSQL server named by <c>MARKETPLACE_TEST_POSTGRES</c>; skipped, saying why, without it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.ServerConnectionString is null)
            Skip = TestPostgres.SkipReason;
    }
}
