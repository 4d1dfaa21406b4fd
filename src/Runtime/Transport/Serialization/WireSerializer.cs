using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Runtime.Transport.Serialization;

/// <summary>
/// The transport's one serializer: finds, once per type, how values of that type are written into
/// frames. Numbers, strings, dates, enums, arrays, lists, dictionaries, records and plain classes get a
/// compact binary layout (no member names, no text formatting: a cross-silo call spent a third of its CPU
/// in JSON); everything whose meaning lives in its JSON contract (attributes, converters, polymorphism,
/// grain references, other BCL types) travels as JSON inside the frame. Values serialize as the declared
/// type, as System.Text.Json does, and read back as the same .NET values JSON would give.
/// </summary>
internal sealed class WireSerializer(Func<JsonSerializerOptions> jsonOptions, JsonWriterPool jsonWriters)
{
    private readonly ConcurrentDictionary<Type, WireValueCodec> _codecs = new();
    private readonly Dictionary<Type, WireValueCodec> _building = [];
    private readonly Lock _buildLock = new();
    private int _nesting;

    public WireValueCodec<T> Get<T>() => (WireValueCodec<T>)Get(typeof(T));

    public WireValueCodec Get(Type type)
    {
        if (_codecs.TryGetValue(type, out var codec)) return codec;
        lock (_buildLock)
        {
            if (_codecs.TryGetValue(type, out codec) || _building.TryGetValue(type, out codec)) return codec;
            _nesting++;
            try
            {
                codec = Create(type);
                _building[type] = codec;
                // A codec built while an object codec is being initialized may point at that one: all of them
                // are published together when the outermost is complete, never half-built.
                if (_nesting == 1) foreach (var (built, builtCodec) in _building) _codecs[built] = builtCodec;
                return codec;
            }
            finally
            {
                if (--_nesting == 0) _building.Clear();
            }
        }
    }

    private WireValueCodec Create(Type type)
    {
        if (Scalar(type) is { } scalar) return scalar;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Make(typeof(NullableCodec<>), [underlying], Get(underlying));
        if (jsonOptions().Converters.Any(c => c.CanConvert(type))) return Fallback(type);
        if (type.IsArray && type.GetArrayRank() == 1 && type.GetElementType() is { } element)
            return Make(typeof(ArrayCodec<>), [element], Get(element));
        if (type.IsGenericType && type.GetGenericArguments() is var arguments)
        {
            var definition = type.GetGenericTypeDefinition();
            if (ListTypes.Contains(definition))
                return Make(typeof(ListCodec<,>), [type, arguments[0]], Get(arguments[0]));
            if (DictionaryTypes.Contains(definition))
                return Make(typeof(DictionaryCodec<,,>), [type, arguments[0], arguments[1]], Get(arguments[0]), Get(arguments[1]));
        }
        if (ShapeOf(type) is { } shape)
        {
            var codec = (WireValueCodec)Activator.CreateInstance(typeof(ObjectCodec<>).MakeGenericType(type))!;
            _building[type] = codec;
            ((IObjectCodec)codec).Initialize(shape, this);
            return codec;
        }
        return Fallback(type);
    }

    private WireValueCodec Fallback(Type type) =>
        Make(typeof(JsonFallbackCodec<>), [type], jsonOptions, jsonWriters);

    private static WireValueCodec Make(Type definition, Type[] arguments, params object[] constructorArguments) =>
        (WireValueCodec)Activator.CreateInstance(definition.MakeGenericType(arguments), constructorArguments)!;

    private static readonly HashSet<Type> ListTypes =
        [typeof(List<>), typeof(IList<>), typeof(ICollection<>), typeof(IEnumerable<>), typeof(IReadOnlyList<>), typeof(IReadOnlyCollection<>)];

    private static readonly HashSet<Type> DictionaryTypes =
        [typeof(Dictionary<,>), typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>)];

    private static WireValueCodec? Scalar(Type type)
    {
        if (type.IsEnum) return Make(typeof(ScalarCodec<>), [type]);
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => new BooleanCodec(),
            TypeCode.Decimal => new DecimalCodec(),
            TypeCode.String => new StringCodec(),
            TypeCode.DateTime => new DateTimeCodec(),
            TypeCode.Char or TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double => Make(typeof(ScalarCodec<>), [type]),
            _ when type == typeof(Guid) => new GuidCodec(),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffsetCodec(),
            _ when type == typeof(TimeSpan) => new TimeSpanCodec(),
            _ when type == typeof(byte[]) => new BytesCodec(),
            _ => null,
        };
    }

    /// <summary>
    /// The members System.Text.Json binds for <paramref name="type"/>, or null when its JSON contract is
    /// more than that (attributes, no usable constructor, a collection, a framework type) and JSON should carry it.
    /// Constructors as System.Text.Json picks them: structs and classes with a public parameterless one use it,
    /// other classes their single public constructor, each parameter naming a public property.
    /// </summary>
    private static ObjectShape? ShapeOf(Type type)
    {
        if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition || type.IsPointer || type.IsByRef || type.IsByRefLike
            || type == typeof(object) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true
            || typeof(System.Collections.IEnumerable).IsAssignableFrom(type) || HasJsonAttributes(type))
            return null;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod?.IsPublic == true)
            .ToArray();
        if (properties.Any(HasJsonAttributes) || properties.DistinctBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Count() != properties.Length)
            return null;
        var constructors = type.GetConstructors();
        if (constructors.Any(HasJsonAttributes)) return null;
        var constructor = type.IsValueType || constructors.Any(c => c.GetParameters().Length == 0) ? null
            : constructors.Length == 1 ? constructors[0] : null;
        if (constructor is null && !type.IsValueType && constructors.All(c => c.GetParameters().Length > 0)) return null;
        var members = new List<PropertyInfo>();
        foreach (var parameter in constructor?.GetParameters() ?? [])
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            if (property is null || property.PropertyType != parameter.ParameterType) return null;
            members.Add(property);
        }
        members.AddRange(properties.Where(p => !members.Contains(p) && p.SetMethod?.IsPublic == true));
        return members.Count > byte.MaxValue ? null : new ObjectShape(constructor, members.ToArray());
    }

    private static bool HasJsonAttributes(MemberInfo member) => member.IsDefined(typeof(JsonAttribute), inherit: true);
}
