using System.Diagnostics;
using System.Globalization;

namespace Marketplace.Gateway.Bench;

/// <summary>
/// Items loaded per second, printed at every 10 % of the load: the rate over that tenth and since the start.
/// The first and the last tenth's rates and their ratio say whether the cost per item grows with what is
/// already loaded (flat: the ratio stays near 1).
/// </summary>
internal sealed class LoadProgress
{
    private readonly int _total;
    private readonly long[] _boundaries = new long[11];
    private readonly double[] _seconds = new double[11];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done;

    public LoadProgress(int total)
    {
        _total = total;
        for (var k = 0; k <= 10; k++) _boundaries[k] = (long)Math.Ceiling(total * k / 10.0);
    }

    public void ItemLoaded()
    {
        var done = Interlocked.Increment(ref _done);
        for (var k = 1; k <= 10; k++)
        {
            if (_boundaries[k] != done || _boundaries[k] == _boundaries[k - 1]) continue;
            var now = _clock.Elapsed.TotalSeconds;
            _seconds[k] = now;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {k * 10,3}% {done,8:N0} items at {now,7:F1} s: {Rate(k),7:F0} items/s over this 10%, {done / now,7:F0} items/s so far"));
        }
    }

    /// <summary>Items per second over tenth <paramref name="k"/> (1..10).</summary>
    public double Rate(int k) => (_boundaries[k] - _boundaries[k - 1]) / Math.Max(_seconds[k] - _seconds[k - 1], 1e-9);

    public double TotalSeconds => _seconds[10];

    public void PrintSummary(string storage)
    {
        var first = Rate(1);
        var last = Rate(10);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load ({storage}): {_total:N0} items in {TotalSeconds:F1} s, {_total / TotalSeconds:F0} items/s; first 10% {first:F0} items/s, last 10% {last:F0} items/s, last/first {last / first:F2}"));
    }
}
