namespace Marketplace.Cluster.Tests;

/// <summary>Waiting for the effects of failure detection, failover and stream delivery, with generous deadlines.</summary>
public static class Eventually
{
    /// <summary>Polls until the condition holds.</summary>
    public static async Task True(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {because}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls an asynchronous condition until it holds; a condition that throws counts as not yet.</summary>
    public static async Task True(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception exception)
            {
                last = exception;
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {because}.{(last is null ? "" : " Last error: " + last.Message)}");
            await Task.Delay(200);
        }
    }

    /// <summary>Retries a call (a silo may be dead or not yet declared dead) until it succeeds or the deadline passes.</summary>
    public static async Task<T> Succeeds<T>(Func<Task<T>> call, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
