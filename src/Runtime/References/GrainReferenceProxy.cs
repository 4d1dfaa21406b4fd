using System.Reflection;
using Marketplace.Runtime.Metadata;

namespace Marketplace.Runtime.References;

/// <summary>
/// Base of the generated reference types: DispatchProxy implements the grain interface and routes
/// every call here; the method's precompiled <see cref="GrainMethod"/> does the rest.
/// References compare equal by grain and interface, so they work as keys and inside records.
/// </summary>
public class GrainReferenceProxy : DispatchProxy, IGrainReference
{
    private GrainInterfaceMetadata _interface = null!;
    private GrainCallRuntime _runtime = null!;

    public GrainId GrainId { get; private set; }
    public Type InterfaceType => _interface.InterfaceType;

    internal void Initialize(GrainId grainId, GrainInterfaceMetadata grainInterface, GrainCallRuntime runtime)
    {
        GrainId = grainId;
        _interface = grainInterface;
        _runtime = runtime;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _interface.GetMethod(targetMethod!).InvokeFromReference(_runtime, GrainId, args ?? []);

    public override bool Equals(object? obj) =>
        obj is IGrainReference other && other.GrainId == GrainId && other.InterfaceType == InterfaceType;

    public override int GetHashCode() => HashCode.Combine(GrainId, InterfaceType);

    public override string ToString() => $"{InterfaceType.Name}:{GrainId}";
}
