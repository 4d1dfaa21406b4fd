using System.Reflection;
using Marketplace.Runtime.Metadata;

namespace Marketplace.Runtime.References;

/// <summary>Hands out grain references; the same object serves grains (IGrainFactory) and outside callers (IClusterClient).</summary>
internal sealed class GrainFactory(GrainTypeRegistry registry, GrainCallRuntime runtime) : IClusterClient
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        var grainClass = registry.GetClassForInterface(typeof(TGrainInterface));
        return (TGrainInterface)GetGrain(typeof(TGrainInterface), new GrainId(grainClass.GrainType, primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain =>
        (TGrainInterface)GetGrain(typeof(TGrainInterface), grainId);

    /// <summary>A reference when the interface is only known at run time (deserializing stored references).</summary>
    public IGrain GetGrain(Type grainInterface, GrainId grainId)
    {
        if (string.IsNullOrEmpty(grainId.Type) || grainId.Key is null)
            throw new ArgumentException($"Grain id '{grainId}' needs a grain type and a key.", nameof(grainId));
        if (registry.TryGetClass(grainId.Type, out var grainClass) && !grainInterface.IsAssignableFrom(grainClass.ClassType))
            throw new ArgumentException($"Grain type '{grainId.Type}' ({grainClass.ClassType.Name}) does not implement {grainInterface.Name}.", nameof(grainId));

        var metadata = registry.GetInterface(grainInterface);
        var proxy = (GrainReferenceProxy)DispatchProxy.Create(grainInterface, typeof(GrainReferenceProxy));
        proxy.Initialize(grainId, metadata, runtime);
        return (IGrain)proxy;
    }
}
