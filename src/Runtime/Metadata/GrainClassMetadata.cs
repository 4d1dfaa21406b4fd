using System.Reflection;
using Marketplace.Runtime.Streams;

namespace Marketplace.Runtime.Metadata;

/// <summary>A grain class: its grain type name, scheduling rules, interfaces and how to construct it.</summary>
public sealed class GrainClassMetadata
{
    private GrainClassMetadata(Type classType, string grainType)
    {
        ClassType = classType;
        GrainType = grainType;
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: true);
        ImplicitStreamNamespaces = classType.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Select(a => a.Namespace).ToArray();
        GrainInterfaces = classType.GetInterfaces().Where(IsUserGrainInterface).ToArray();
        Constructor = GrainConstructor.For(classType);
    }

    public Type ClassType { get; }
    public string GrainType { get; }
    public bool IsReentrant { get; }
    public IReadOnlyList<string> ImplicitStreamNamespaces { get; }
    public IReadOnlyList<Type> GrainInterfaces { get; }
    internal GrainConstructor Constructor { get; }

    public static bool IsGrainClass(Type type) =>
        type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(Grain).IsAssignableFrom(type);

    /// <summary>[GrainType] name, else the class name without a "Grain" suffix, lower-cased.</summary>
    public static string GrainTypeOf(Type classType)
    {
        if (classType.GetCustomAttribute<GrainTypeAttribute>() is { } attribute) return attribute.Name;
        var name = classType.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length) name = name[..^"Grain".Length];
        return name.ToLowerInvariant();
    }

    public static GrainClassMetadata Create(Type classType) => new(classType, GrainTypeOf(classType));

    private static bool IsUserGrainInterface(Type type) =>
        typeof(IGrain).IsAssignableFrom(type) && type != typeof(IGrain) && type != typeof(IGrainWithStringKey);
}
