namespace Marketplace.Runtime.Tests.Support;

/// <summary>
/// Lets a test hold grain calls inside the grain and see how many are inside at once,
/// which proves (or disproves) interleaving without relying on timing.
/// </summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inside;
    private int _entered;
    private int _maxInside;

    public int Inside => Volatile.Read(ref _inside);
    public int Entered => Volatile.Read(ref _entered);
    public int MaxInside => Volatile.Read(ref _maxInside);

    public void Open() => _open.TrySetResult();

    public async Task PassAsync()
    {
        var inside = Interlocked.Increment(ref _inside);
        Interlocked.Increment(ref _entered);
        int max;
        while ((max = Volatile.Read(ref _maxInside)) < inside && Interlocked.CompareExchange(ref _maxInside, inside, max) != max) { }
        try
        {
            await _open.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }
}
