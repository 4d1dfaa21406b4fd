using System.Collections.Frozen;
using System.Reflection;

namespace Marketplace.Runtime.Metadata;

/// <summary>The methods of one grain interface (its base interfaces included) in a stable order.</summary>
public sealed class GrainInterfaceMetadata
{
    private readonly FrozenDictionary<MethodInfo, GrainMethod> _byMethod;

    private GrainInterfaceMetadata(Type interfaceType, IReadOnlyList<GrainMethod> methods)
    {
        InterfaceType = interfaceType;
        Methods = methods;
        _byMethod = methods.ToFrozenDictionary(m => m.Method);
    }

    public Type InterfaceType { get; }
    public IReadOnlyList<GrainMethod> Methods { get; }

    public GrainMethod GetMethod(MethodInfo method) =>
        _byMethod.TryGetValue(method, out var grainMethod)
            ? grainMethod
            : throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} is not a method of grain interface {InterfaceType.Name}.");

    public static GrainInterfaceMetadata Create(Type interfaceType)
    {
        if (!interfaceType.IsInterface || !typeof(IGrain).IsAssignableFrom(interfaceType))
            throw new ArgumentException($"{interfaceType} is not a grain interface (an interface deriving from IGrain).", nameof(interfaceType));
        if (interfaceType.ContainsGenericParameters)
            throw new NotSupportedException($"Grain interface {interfaceType} is an open generic type.");

        // Sorted by declaring interface, name and signature so every process numbers methods alike.
        var methods = new[] { interfaceType }.Concat(interfaceType.GetInterfaces())
            .SelectMany(i => i.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.IsAbstract)
            .OrderBy(m => m.DeclaringType!.FullName, StringComparer.Ordinal)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ThenBy(m => m.ToString(), StringComparer.Ordinal)
            .Select((m, index) => GrainMethodFactory.Create(interfaceType, m, index))
            .ToArray();
        return new GrainInterfaceMetadata(interfaceType, methods);
    }
}
