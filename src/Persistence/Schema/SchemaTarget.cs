namespace Marketplace.Persistence.Schema;

/// <summary>One database the installer brings up to date at start.</summary>
/// <remarks>
/// Storage and clustering may both point at the same PostgreSQL database; targets are compared by value,
/// so that database is installed once.
/// </remarks>
public sealed record SchemaTarget(SchemaDatabase Database, string ConnectionString);
