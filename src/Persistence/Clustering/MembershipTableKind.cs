namespace Marketplace.Persistence.Clustering;

/// <summary>Where silos find each other (<c>Cluster:MembershipTable</c>).</summary>
public enum MembershipTableKind
{
    /// <summary>One machine: Orleans' localhost clustering (the primary silo holds membership in memory).</summary>
    Localhost,

    /// <summary>The membership table in PostgreSQL at <c>ConnectionStrings:Postgres</c>.</summary>
    Postgres,
}
