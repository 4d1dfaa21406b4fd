using System.Diagnostics;

namespace Marketplace.Load;

/// <summary>Prints throughput, latency percentiles and errors per operation, the errors around the failure, and the subscriptions' events.</summary>
public static class LoadReport
{
    public static void Print(IReadOnlyList<Sample> samples, TimeSpan traffic, DisruptionWindow window, SubscriptionTally subscriptions)
    {
        var seconds = traffic.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"traffic: {seconds:F1} s, {samples.Count:N0} requests, {samples.Count / seconds:F1} requests/s overall");
        Console.WriteLine("latency over every request of the operation (errors included), milliseconds:");
        Console.WriteLine($"  {"operation",-15} {"requests",9} {"req/s",8} {"p50",8} {"p95",8} {"p99",8} {"errors",7}");
        foreach (var operation in samples.GroupBy(s => s.Operation).OrderByDescending(g => g.Count()))
        {
            var latencies = operation.Select(s => Stopwatch.GetElapsedTime(s.Started, s.Ended).TotalMilliseconds).Order().ToArray();
            Console.WriteLine($"  {operation.Key,-15} {latencies.Length,9:N0} {latencies.Length / seconds,8:F1} {Percentile(latencies, 0.50),8:F1} " +
                $"{Percentile(latencies, 0.95),8:F1} {Percentile(latencies, 0.99),8:F1} {operation.Count(s => s.Error is not null),7:N0}");
        }

        if (window.Opened)
        {
            var inside = samples.Where(s => window.Overlaps(s.Started, s.Ended)).ToArray();
            PrintErrors($"errors by operation and kind outside the failure window", samples.Except(inside).ToArray());
            PrintErrors($"errors by operation and kind in the failure window ({window.What}, {window.Length.TotalSeconds:F1} s, {inside.Length:N0} requests)", inside);
        }
        else PrintErrors("errors by operation and kind (no failure injected)", samples);

        Console.WriteLine("subscriptions held open:");
        foreach (var (field, counts) in subscriptions.ByField.OrderBy(f => f.Key))
            Console.WriteLine($"  {field,-20} opened {counts.Opened,5:N0}  events received {counts.Events,6:N0}  error messages {counts.Errors,4:N0}  connections refused {counts.ConnectFailures,3:N0}");
    }

    private static void PrintErrors(string title, IReadOnlyList<Sample> samples)
    {
        var errors = samples.Where(s => s.Error is not null).GroupBy(s => (s.Operation, s.Error)).OrderBy(g => g.Key.Operation).ThenBy(g => g.Key.Error).ToArray();
        Console.WriteLine($"{title}: {(errors.Length == 0 ? "none" : "")}");
        foreach (var error in errors) Console.WriteLine($"  {error.Key.Operation,-15} {error.Key.Error,-32} {error.Count(),6:N0}");
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
