namespace Marketplace.Runtime;

/// <param name="DueTime">Delay before the first tick.</param>
/// <param name="Period">Time between ticks; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</param>
/// <param name="Interleave">Tick may interleave with requests (otherwise it is a turn like any request).</param>
public sealed record GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period, bool Interleave = false);

/// <summary>A timer owned by one activation; disposing it stops further ticks.</summary>
public interface IGrainTimer : IDisposable
{
    void Change(TimeSpan dueTime, TimeSpan period);
}
