using Marketplace.Persistence.Streams;
using Npgsql;

namespace Marketplace.Persistence.Tests.Streams;

public sealed class StreamBacklogTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [PostgresFact]
    public async Task The_backlog_is_the_provider_s_undelivered_events_and_the_age_of_the_oldest()
    {
        var reader = new StreamBacklogReader(database.ConnectionString!, "svc", "market");
        Assert.Equal(new StreamBacklogSample(0, 0), await reader.ReadAsync(CancellationToken.None));

        await InsertAsync("svc", "market", TimeSpan.FromSeconds(30));
        await InsertAsync("svc", "market", TimeSpan.FromSeconds(2));
        await InsertAsync("svc", "other", TimeSpan.FromHours(1));
        await InsertAsync("another-service", "market", TimeSpan.FromHours(1));

        var sample = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal(2, sample.Waiting);
        Assert.InRange(sample.OldestAgeSeconds, 29, 120);
    }

    private async Task InsertAsync(string service, string provider, TimeSpan age)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO orleans_stream_messages (service_id, provider_id, queue_id, visible_on, expires_on, created_on, modified_on, payload)
            VALUES (@service, @provider, 'q0', timezone('utc', now()), timezone('utc', now()) + interval '1 day',
                    timezone('utc', now()) - @age, timezone('utc', now()), '\x00')
            """, connection);
        command.Parameters.AddWithValue("service", service);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("age", age);
        await command.ExecuteNonQueryAsync();
    }
}
