using System.Text;

namespace Marketplace.Runtime.Reminders;

/// <summary>
/// Stable 32-bit hash of a grain id (FNV-1a over UTF-8), stored with each reminder so silos can split
/// the table by range. It must never change: stored rows depend on it.
/// </summary>
public static class ReminderHash
{
    public static uint Of(GrainId grainId)
    {
        var hash = 2166136261u;
        hash = Mix(hash, grainId.Type);
        hash = (hash ^ 0) * 16777619u; // separator, so ("ab","c") and ("a","bc") differ
        return Mix(hash, grainId.Key);
    }

    private static uint Mix(uint hash, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(text) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes) hash = (hash ^ b) * 16777619u;
        return hash;
    }
}
