namespace Marketplace.Persistence.Schema;

/// <summary>Options of the schema installer; <see cref="Install"/> is bound from <c>Schema:Install</c>.</summary>
public sealed class SchemaOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Schema";

    /// <summary>
    /// Apply the embedded scripts at start (default). Turn off where the application's database user may
    /// not change the schema and a DBA applies deploy/sql by hand instead.
    /// </summary>
    public bool Install { get; set; } = true;

    /// <summary>
    /// PostgreSQL statements wait this long for the schema lock and the scripts: long enough for the
    /// other silos of a cluster starting at the same moment to finish theirs.
    /// </summary>
    public TimeSpan PostgresTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Databases to install, added by the storage and clustering wiring (not from configuration).</summary>
    public List<SchemaTarget> Targets { get; } = [];
}
