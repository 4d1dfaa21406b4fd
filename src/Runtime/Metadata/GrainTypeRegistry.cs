using System.Collections.Concurrent;
using System.Reflection;

namespace Marketplace.Runtime.Metadata;

/// <summary>An assembly whose grain classes the silo hosts (added by <c>silo.AddGrains</c>).</summary>
public sealed record GrainAssembly(Assembly Assembly);

/// <summary>Grain classes found in the registered assemblies, by grain type and by interface.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainClassMetadata> _byGrainType = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, List<GrainClassMetadata>> _byInterface = [];
    private readonly ConcurrentDictionary<Type, GrainInterfaceMetadata> _interfaces = new();

    public GrainTypeRegistry(IEnumerable<GrainAssembly> assemblies)
    {
        foreach (var assembly in assemblies.Select(a => a.Assembly).Distinct())
        {
            foreach (var type in assembly.GetTypes().Where(GrainClassMetadata.IsGrainClass))
            {
                var metadata = GrainClassMetadata.Create(type);
                if (_byGrainType.TryGetValue(metadata.GrainType, out var existing))
                    throw new InvalidOperationException(
                        $"Grain classes {existing.ClassType.FullName} and {type.FullName} both have grain type '{metadata.GrainType}': give one a [GrainType] name.");
                _byGrainType.Add(metadata.GrainType, metadata);
                foreach (var grainInterface in metadata.GrainInterfaces)
                {
                    if (!_byInterface.TryGetValue(grainInterface, out var list)) _byInterface[grainInterface] = list = [];
                    list.Add(metadata);
                }
            }
        }
    }

    public IEnumerable<GrainClassMetadata> Classes => _byGrainType.Values;

    public GrainClassMetadata GetClass(string grainType) =>
        _byGrainType.TryGetValue(grainType, out var metadata)
            ? metadata
            : throw new GrainTypeNotFoundException($"No grain class is registered for grain type '{grainType}': add its assembly with silo.AddGrains(...).");

    public bool TryGetClass(string grainType, out GrainClassMetadata metadata) => _byGrainType.TryGetValue(grainType, out metadata!);

    /// <summary>The single class implementing the interface (GetGrain by key needs exactly one).</summary>
    public GrainClassMetadata GetClassForInterface(Type grainInterface)
    {
        if (!_byInterface.TryGetValue(grainInterface, out var classes))
            throw new GrainTypeNotFoundException(
                $"No grain class implements {grainInterface.Name}: add the assembly of its implementation with silo.AddGrains(...).");
        if (classes.Count > 1)
            throw new GrainTypeNotFoundException(
                $"{grainInterface.Name} is implemented by several grain classes ({string.Join(", ", classes.Select(c => c.ClassType.Name))}): " +
                "address the grain by GrainId instead.");
        return classes[0];
    }

    public GrainInterfaceMetadata GetInterface(Type grainInterface) => _interfaces.GetOrAdd(grainInterface, GrainInterfaceMetadata.Create);
}
