namespace Marketplace.Runtime.Tests.Support;

/// <summary>Polls a condition with a generous deadline: for effects that happen on other threads.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {because}.");
            await Task.Delay(5);
        }
    }
}
