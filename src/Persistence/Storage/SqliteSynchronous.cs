namespace Marketplace.Persistence.Storage;

/// <summary>SQLite's <c>PRAGMA synchronous</c> values we allow (WAL mode): see <see cref="StorageOptions.SqliteSynchronous"/>.</summary>
public enum SqliteSynchronous { Normal, Full }
