namespace Marketplace.GraphQL.Types;

/// <summary>Object and interface types: both have fields and may implement interfaces.</summary>
public abstract class ComplexType : NamedType
{
    private Dictionary<string, FieldDefinition> _fieldsByName = new(StringComparer.Ordinal);
    private IReadOnlyList<FieldDefinition> _fields = [];

    protected ComplexType(string name) : base(name) { }

    public IReadOnlyList<FieldDefinition> Fields
    {
        get => _fields;
        internal set
        {
            _fields = value;
            _fieldsByName = value.ToDictionary(f => f.Name, StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<InterfaceType> Interfaces { get; internal set; } = [];

    public FieldDefinition? GetField(string name) => _fieldsByName.GetValueOrDefault(name);

    public bool Implements(InterfaceType type)
    {
        foreach (var i in Interfaces)
            if (ReferenceEquals(i, type)) return true;
        return false;
    }
}

public sealed class ObjectType : ComplexType
{
    public ObjectType(string name) : base(name) { }
    public override TypeKind Kind => TypeKind.OBJECT;
    /// <summary>Tells whether a runtime value belongs to this type (used for abstract type resolution).</summary>
    public Func<object, bool>? IsTypeOf { get; internal set; }
}

/// <summary>Picks the object type name for a runtime value of an abstract type.</summary>
public delegate string? TypeResolver(object value);

public sealed class InterfaceType : ComplexType
{
    public InterfaceType(string name) : base(name) { }
    public override TypeKind Kind => TypeKind.INTERFACE;
    public TypeResolver? ResolveType { get; internal set; }
}

public sealed class UnionType : NamedType
{
    public UnionType(string name) : base(name) { }
    public override TypeKind Kind => TypeKind.UNION;
    public IReadOnlyList<ObjectType> Types { get; internal set; } = [];
    public TypeResolver? ResolveType { get; internal set; }
}

public sealed class EnumType : NamedType
{
    private Dictionary<string, EnumValueDefinition> _byName = new(StringComparer.Ordinal);
    private Dictionary<object, EnumValueDefinition> _byValue = new();
    private IReadOnlyList<EnumValueDefinition> _values = [];

    public EnumType(string name) : base(name) { }
    public override TypeKind Kind => TypeKind.ENUM;

    public IReadOnlyList<EnumValueDefinition> Values
    {
        get => _values;
        internal set
        {
            _values = value;
            _byName = value.ToDictionary(v => v.Name, StringComparer.Ordinal);
            _byValue = new Dictionary<object, EnumValueDefinition>();
            foreach (var v in value) _byValue.TryAdd(v.Value, v);
        }
    }

    public EnumValueDefinition? GetValue(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Finds the enum value for an internal value (the mapped value, or the name as a string).</summary>
    public EnumValueDefinition? FindByInternalValue(object value) =>
        _byValue.GetValueOrDefault(value) ?? (value is string s ? GetValue(s) : null);
}

public sealed class EnumValueDefinition
{
    public EnumValueDefinition(string name, object value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }
    /// <summary>What resolvers see and return for this value (defaults to the name).</summary>
    public object Value { get; }
    public string? Description { get; internal set; }
    public string? DeprecationReason { get; internal set; }
    public bool IsDeprecated => DeprecationReason is not null;
    public IReadOnlyList<Language.Ast.DirectiveNode> AppliedDirectives { get; internal set; } = [];
}

public sealed class InputObjectType : NamedType
{
    private Dictionary<string, InputValueDefinition> _byName = new(StringComparer.Ordinal);
    private IReadOnlyList<InputValueDefinition> _fields = [];

    public InputObjectType(string name) : base(name) { }
    public override TypeKind Kind => TypeKind.INPUT_OBJECT;

    public IReadOnlyList<InputValueDefinition> Fields
    {
        get => _fields;
        internal set
        {
            _fields = value;
            _byName = value.ToDictionary(f => f.Name, StringComparer.Ordinal);
        }
    }

    /// <summary>@oneOf: exactly one field must be given, and it must not be null.</summary>
    public bool IsOneOf { get; internal set; }

    public InputValueDefinition? GetField(string name) => _byName.GetValueOrDefault(name);
}
