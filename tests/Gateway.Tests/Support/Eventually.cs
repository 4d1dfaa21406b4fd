namespace Marketplace.Gateway.Tests.Support;

/// <summary>Polls until a condition holds, with a generous deadline (the machine may be loaded); never a timing assertion.</summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        T last;
        while (true)
        {
            last = await read();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline) break;
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out waiting for {what}; last value: {last}");
        return last;
    }
}
