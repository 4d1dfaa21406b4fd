using System.Linq.Expressions;
using System.Reflection;

namespace Marketplace.Runtime.Transport.Serialization;

/// <summary>
/// Records and plain classes and structs, with the members System.Text.Json would give them: the
/// constructor's parameters in order, then the public settable properties the constructor does not
/// take. On the wire: a presence byte (classes), the member count, then each member's value. The count
/// makes two silos that disagree on a type's shape (different builds) fail with a clear error.
/// </summary>
internal sealed class ObjectCodec<T> : WireValueCodec<T>, IObjectCodec
{
    private static readonly bool IsClass = !typeof(T).IsValueType;
    private MemberCodec<T>[] _members = [];
    private Func<object?[], T> _create = null!;

    /// <summary>Called once by the serializer, after the codec is registered, so a type may contain itself.</summary>
    public void Initialize(ObjectShape shape, WireSerializer serializer)
    {
        _members = shape.Members
            .Select(m => (MemberCodec<T>)Activator.CreateInstance(
                typeof(MemberCodec<,>).MakeGenericType(typeof(T), m.PropertyType), m, serializer.Get(m.PropertyType))!)
            .ToArray();
        _create = CompileFactory(shape);
    }

    public override void Write(FrameWriter writer, T value)
    {
        if (IsClass)
        {
            if (value is null)
            {
                writer.WriteByte(0);
                return;
            }
            writer.WriteByte(1);
        }
        WireDepth.Enter(writer, typeof(T));
        writer.WriteByte((byte)_members.Length);
        foreach (var member in _members) member.Write(writer, value);
        writer.Depth--;
    }

    public override T Read(ref FrameReader reader)
    {
        if (IsClass && reader.ReadByte() == 0) return default!;
        WireDepth.Enter(ref reader, typeof(T));
        var count = reader.ReadByte();
        if (count != _members.Length)
            throw new InvalidDataException(
                $"A {typeof(T).Name} arrived with {count} members, but {_members.Length} here: the silos run different versions of it.");
        var values = new object?[count];
        for (var i = 0; i < values.Length; i++) values[i] = _members[i].ReadBoxed(ref reader);
        reader.Depth--;
        return _create(values);
    }

    /// <summary>new T(values[0], ...) { Setter = values[k], ... }, compiled once.</summary>
    private static Func<object?[], T> CompileFactory(ObjectShape shape)
    {
        var values = Expression.Parameter(typeof(object?[]), "values");
        Expression Value(int index, Type type) => Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(index)), type);
        var parameters = shape.Constructor?.GetParameters() ?? [];
        var created = shape.Constructor is null
            ? Expression.New(typeof(T))
            : Expression.New(shape.Constructor, parameters.Select((p, i) => Value(i, p.ParameterType)));
        var setters = shape.Members.Skip(parameters.Length)
            .Select((property, i) => (MemberBinding)Expression.Bind(property, Value(parameters.Length + i, property.PropertyType)))
            .ToArray();
        Expression body = setters.Length == 0 ? created : Expression.MemberInit(created, setters);
        return Expression.Lambda<Func<object?[], T>>(body, values).Compile();
    }
}

internal interface IObjectCodec
{
    void Initialize(ObjectShape shape, WireSerializer serializer);
}

/// <summary>How a type is built from the wire: its constructor (null: the parameterless one) and its members in wire order.</summary>
internal sealed record ObjectShape(ConstructorInfo? Constructor, PropertyInfo[] Members);

internal abstract class MemberCodec<T>
{
    public abstract void Write(FrameWriter writer, T owner);

    public abstract object? ReadBoxed(ref FrameReader reader);
}

internal sealed class MemberCodec<T, TValue>(PropertyInfo property, WireValueCodec value) : MemberCodec<T>
{
    private readonly Func<T, TValue> _get = CompileGetter(property);
    private readonly WireValueCodec<TValue> _value = (WireValueCodec<TValue>)value;

    public override void Write(FrameWriter writer, T owner) => _value.Write(writer, _get(owner));

    public override object? ReadBoxed(ref FrameReader reader) => _value.Read(ref reader);

    private static Func<T, TValue> CompileGetter(PropertyInfo property)
    {
        var owner = Expression.Parameter(typeof(T), "owner");
        return Expression.Lambda<Func<T, TValue>>(Expression.Property(owner, property), owner).Compile();
    }
}
