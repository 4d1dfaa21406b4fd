using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Types;

/// <summary>
/// Mutable definitions collected by <see cref="SchemaBuilder"/> from code and from SDL; both paths
/// fill the same configs, so they produce the same schema model.
/// </summary>
public abstract class TypeConfig
{
    protected TypeConfig(string name) => Name = name;
    public string Name { get; }
    public string? Description { get; set; }
    public List<DirectiveNode> Directives { get; } = new();
}

public abstract class ComplexTypeConfig : TypeConfig
{
    protected ComplexTypeConfig(string name) : base(name) { }
    public List<string> Interfaces { get; } = new();
    /// <summary>Fields in definition order.</summary>
    public List<FieldConfig> Fields { get; } = new();

    public FieldConfig? FindField(string name) => Fields.Find(f => f.Name == name);

    protected FieldConfig GetOrAddField(string name, string? type)
    {
        var field = FindField(name);
        if (field is null)
        {
            field = new FieldConfig(name);
            Fields.Add(field);
        }

        if (type is not null) field.Type = Parser.ParseType(type);
        return field;
    }
}

public sealed class ObjectTypeConfig : ComplexTypeConfig
{
    public ObjectTypeConfig(string name) : base(name) { }
    public Func<object, bool>? IsTypeOfCheck { get; set; }

    public ObjectTypeConfig Describe(string description) { Description = description; return this; }
    public ObjectTypeConfig Implements(params string[] interfaces) { Interfaces.AddRange(interfaces.Except(Interfaces)); return this; }
    public ObjectTypeConfig IsTypeOf(Func<object, bool> check) { IsTypeOfCheck = check; return this; }
    /// <summary>Values of CLR type T (or derived) are of this GraphQL type.</summary>
    public ObjectTypeConfig IsTypeOf<T>() { IsTypeOfCheck = static v => v is T; return this; }

    /// <summary>Adds a field, or changes an existing one (e.g. to bind a resolver to an SDL field).</summary>
    public ObjectTypeConfig Field(string name, string? type = null, Action<FieldConfig>? configure = null)
    {
        var field = GetOrAddField(name, type);
        configure?.Invoke(field);
        return this;
    }

    public ObjectTypeConfig Field(string name, string type, Func<IResolveContext, ValueTask<object?>> resolve)
    {
        GetOrAddField(name, type).Resolver = resolve;
        return this;
    }

    /// <summary>Field with a synchronous resolver (completes without allocating a task).</summary>
    public ObjectTypeConfig Field(string name, string type, Func<IResolveContext, object?> resolve)
    {
        GetOrAddField(name, type).Resolve(resolve);
        return this;
    }
}

public sealed class InterfaceTypeConfig : ComplexTypeConfig
{
    public InterfaceTypeConfig(string name) : base(name) { }
    public TypeResolver? TypeResolver { get; set; }

    public InterfaceTypeConfig Describe(string description) { Description = description; return this; }
    public InterfaceTypeConfig Implements(params string[] interfaces) { Interfaces.AddRange(interfaces.Except(Interfaces)); return this; }
    public InterfaceTypeConfig ResolveType(TypeResolver resolver) { TypeResolver = resolver; return this; }

    public InterfaceTypeConfig Field(string name, string? type = null, Action<FieldConfig>? configure = null)
    {
        var field = GetOrAddField(name, type);
        configure?.Invoke(field);
        return this;
    }
}

public sealed class UnionTypeConfig : TypeConfig
{
    public UnionTypeConfig(string name) : base(name) { }
    public List<string> Types { get; } = new();
    public TypeResolver? TypeResolver { get; set; }

    public UnionTypeConfig Describe(string description) { Description = description; return this; }
    public UnionTypeConfig Members(params string[] types) { Types.AddRange(types.Except(Types)); return this; }
    public UnionTypeConfig ResolveType(TypeResolver resolver) { TypeResolver = resolver; return this; }
}

public sealed class EnumValueConfig
{
    public EnumValueConfig(string name) => Name = name;
    public string Name { get; }
    /// <summary>Internal value resolvers see; defaults to the name.</summary>
    public object? Value { get; set; }
    public string? Description { get; set; }
    public string? DeprecationReason { get; set; }
    public List<DirectiveNode> Directives { get; } = new();
}

public sealed class EnumTypeConfig : TypeConfig
{
    public EnumTypeConfig(string name) : base(name) { }
    public List<EnumValueConfig> Values { get; } = new();

    public EnumTypeConfig Describe(string description) { Description = description; return this; }

    public EnumTypeConfig Value(string name, object? value = null, string? description = null, string? deprecationReason = null)
    {
        var config = Values.Find(v => v.Name == name);
        if (config is null)
        {
            config = new EnumValueConfig(name);
            Values.Add(config);
        }

        if (value is not null) config.Value = value;
        if (description is not null) config.Description = description;
        if (deprecationReason is not null) config.DeprecationReason = deprecationReason;
        return this;
    }

    /// <summary>Maps each member of a CLR enum to the value named in UPPER_SNAKE_CASE (adding missing ones).</summary>
    public EnumTypeConfig BindValues<TEnum>() where TEnum : struct, Enum
    {
        foreach (var member in Enum.GetValues<TEnum>()) Value(NameConventions.ToEnumValueName(member.ToString()), member);
        return this;
    }
}

public sealed class InputObjectTypeConfig : TypeConfig
{
    public InputObjectTypeConfig(string name) : base(name) { }
    public List<InputValueConfig> Fields { get; } = new();
    public bool IsOneOf { get; set; }

    public InputObjectTypeConfig Describe(string description) { Description = description; return this; }
    public InputObjectTypeConfig OneOf() { IsOneOf = true; return this; }

    /// <param name="defaultValue">Default as a GraphQL literal, e.g. <c>"10"</c> or <c>"\"text\""</c>.</param>
    public InputObjectTypeConfig Field(string name, string type, string? defaultValue = null, string? description = null, string? deprecationReason = null)
    {
        Fields.RemoveAll(f => f.Name == name);
        Fields.Add(InputValueConfig.Create(name, type, defaultValue, description, deprecationReason));
        return this;
    }
}

public sealed class ScalarTypeConfig : TypeConfig
{
    public ScalarTypeConfig(string name) : base(name) { }
    public Func<object, object?>? Serializer { get; set; }
    public Func<object, object?>? ValueParser { get; set; }
    public Func<ValueNode, object?>? LiteralParser { get; set; }
    public string? SpecifiedByUrl { get; set; }

    public ScalarTypeConfig Describe(string description) { Description = description; return this; }
    public ScalarTypeConfig Serialize(Func<object, object?> serialize) { Serializer = serialize; return this; }
    public ScalarTypeConfig ParseValue(Func<object, object?> parse) { ValueParser = parse; return this; }
    public ScalarTypeConfig ParseLiteral(Func<ValueNode, object?> parse) { LiteralParser = parse; return this; }
    public ScalarTypeConfig SpecifiedBy(string url) { SpecifiedByUrl = url; return this; }
}

public sealed class InputValueConfig
{
    public InputValueConfig(string name, TypeNode type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }
    public TypeNode Type { get; set; }
    public ValueNode? DefaultValue { get; set; }
    public string? Description { get; set; }
    public string? DeprecationReason { get; set; }
    public List<DirectiveNode> Directives { get; } = new();

    public static InputValueConfig Create(string name, string type, string? defaultValue, string? description, string? deprecationReason) =>
        new(name, Parser.ParseType(type))
        {
            DefaultValue = defaultValue is null ? null : Parser.ParseValue(defaultValue),
            Description = description,
            DeprecationReason = deprecationReason,
        };
}

public sealed class FieldConfig
{
    public FieldConfig(string name) => Name = name;

    public string Name { get; }
    /// <summary>Type reference; null until set (binding a resolver to an SDL field leaves it to the SDL).</summary>
    public TypeNode? Type { get; set; }
    public string? Description { get; set; }
    public string? DeprecationReason { get; set; }
    public List<InputValueConfig> Arguments { get; } = new();
    public List<DirectiveNode> Directives { get; } = new();
    public Func<IResolveContext, ValueTask<object?>>? Resolver { get; set; }
    public Func<IResolveContext, ValueTask<IAsyncEnumerable<object?>>>? Subscriber { get; set; }
    public Func<IResolveContext, ValueTask<AuthorizationResult>>? Authorizer { get; set; }
    public int? Cost { get; set; }

    public FieldConfig Describe(string description) { Description = description; return this; }
    public FieldConfig Deprecated(string reason = SchemaBuilder.DefaultDeprecationReason) { DeprecationReason = reason; return this; }
    public FieldConfig WithCost(int cost) { Cost = cost; return this; }

    /// <param name="defaultValue">Default as a GraphQL literal, e.g. <c>"10"</c>.</param>
    public FieldConfig Argument(string name, string type, string? defaultValue = null, string? description = null, string? deprecationReason = null)
    {
        Arguments.RemoveAll(a => a.Name == name);
        Arguments.Add(InputValueConfig.Create(name, type, defaultValue, description, deprecationReason));
        return this;
    }

    public FieldConfig Resolve(Func<IResolveContext, ValueTask<object?>> resolver) { Resolver = resolver; return this; }

    public FieldConfig Resolve(Func<IResolveContext, object?> resolver)
    {
        Resolver = context => new ValueTask<object?>(resolver(context));
        return this;
    }

    public FieldConfig ResolveAsync<T>(Func<IResolveContext, Task<T>> resolver)
    {
        Resolver = async context => await resolver(context).ConfigureAwait(false);
        return this;
    }

    public FieldConfig Subscribe(Func<IResolveContext, ValueTask<IAsyncEnumerable<object?>>> subscriber) { Subscriber = subscriber; return this; }

    public FieldConfig Subscribe(Func<IResolveContext, IAsyncEnumerable<object?>> subscriber)
    {
        Subscriber = context => new ValueTask<IAsyncEnumerable<object?>>(subscriber(context));
        return this;
    }

    /// <summary>Runs before the resolver; a denial makes the field null with an error carrying the code.</summary>
    public FieldConfig Authorize(Func<IResolveContext, ValueTask<AuthorizationResult>> authorizer) { Authorizer = authorizer; return this; }

    public FieldConfig Authorize(Func<IResolveContext, AuthorizationResult> authorizer)
    {
        Authorizer = context => new ValueTask<AuthorizationResult>(authorizer(context));
        return this;
    }
}

public sealed class DirectiveConfig
{
    public DirectiveConfig(string name) => Name = name;
    public string Name { get; }
    public string? Description { get; set; }
    public List<InputValueConfig> Arguments { get; } = new();
    public List<DirectiveLocation> Locations { get; } = new();
    public bool IsRepeatable { get; set; }

    public DirectiveConfig Describe(string description) { Description = description; return this; }
    public DirectiveConfig Repeatable() { IsRepeatable = true; return this; }
    public DirectiveConfig On(params DirectiveLocation[] locations) { Locations.AddRange(locations.Except(Locations)); return this; }

    public DirectiveConfig Argument(string name, string type, string? defaultValue = null, string? description = null)
    {
        Arguments.RemoveAll(a => a.Name == name);
        Arguments.Add(InputValueConfig.Create(name, type, defaultValue, description, null));
        return this;
    }
}

internal static class NameConventions
{
    /// <summary>PascalCase to UPPER_SNAKE_CASE ("VeryGood" -> "VERY_GOOD"); already-upper names stay.</summary>
    public static string ToEnumValueName(string name)
    {
        if (name.All(c => !char.IsLetter(c) || char.IsUpper(c))) return name;
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('_');
            sb.Append(char.ToUpperInvariant(c));
        }

        return sb.ToString();
    }
}
