using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.AdoNet;
using Marketplace.Runtime.Reminders;
using Marketplace.Runtime.Reminders.Tables;
using Marketplace.Runtime.Tests.Persistence;

namespace Marketplace.Runtime.Tests.Reminders;

public sealed class MemoryReminderTableTests : ReminderTableContract
{
    private readonly MemoryReminderTable _table = new();
    protected override IReminderTable NewTableInstance() => _table;
}

public sealed class SqliteReminderTableTests : ReminderTableContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override IReminderTable NewTableInstance() =>
        new AdoNetReminderTable(AdoNetStore.ForSqlite(new SqliteStorageOptions { Path = _folder.File("reminders.db") }, SqlScripts.Reminders));

    public void Dispose() => _folder.Dispose();
}

public sealed class PostgresReminderTableTests : ReminderTableContract
{
    private readonly PostgresSchema _schema = new();

    public override Task InitializeAsync() => _schema.InitializeAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _schema.DisposeAsync();
    }

    protected override IReminderTable NewTableInstance() =>
        new AdoNetReminderTable(AdoNetStore.ForPostgres(new PostgresStorageOptions { ConnectionString = _schema.ConnectionString }, SqlScripts.Reminders));
}
