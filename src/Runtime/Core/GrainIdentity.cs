namespace Marketplace.Runtime;

/// <summary>Marker for every grain interface.</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key, as in Orleans.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>
/// Identity of a grain: its grain type (from <see cref="GrainTypeAttribute"/> or the class name)
/// and its key. Storage keys, placement and the directory all use it.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}

/// <summary>Names the grain type explicitly, so renaming the class never orphans stored state.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Hands out references to grains; the grain is activated on its first call.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;

    /// <summary>A reference by identity, for infrastructure that only knows the grain id (reminders, streams).</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain;
}

/// <summary>Implemented by every grain reference the runtime hands out.</summary>
public interface IGrainReference
{
    GrainId GrainId { get; }
    Type InterfaceType { get; }
}

public static class GrainReferenceExtensions
{
    /// <summary>The identity behind a grain reference, or of the grain itself.</summary>
    public static GrainId GetGrainId(this IGrain grain) => grain switch
    {
        IGrainReference reference => reference.GrainId,
        Grain activation => activation.GrainContext.GrainId,
        _ => throw new ArgumentException($"{grain.GetType()} is neither a grain reference nor a grain.", nameof(grain)),
    };

    public static string GetPrimaryKeyString(this IGrain grain) => grain.GetGrainId().Key;
}
