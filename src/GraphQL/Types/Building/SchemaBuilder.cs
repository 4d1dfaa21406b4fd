using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Introspection;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Types;

/// <summary>
/// Builds a <see cref="Schema"/> from code-first definitions, SDL text, or both (SDL first, then
/// bind resolvers by type and field name). Build validates the schema and throws
/// <see cref="SchemaValidationException"/> listing every problem.
/// </summary>
public sealed partial class SchemaBuilder
{
    public const string DefaultDeprecationReason = "No longer supported";

    private readonly List<TypeConfig> _types = new();
    private readonly Dictionary<string, TypeConfig> _typesByName = new(StringComparer.Ordinal);
    private readonly List<DirectiveConfig> _directives = new();
    private readonly List<TypeDefinitionNode> _extensions = new();
    private readonly List<string> _errors = new();
    private string? _queryTypeName;
    private string? _mutationTypeName;
    private string? _subscriptionTypeName;
    private string? _description;
    private bool _hasSchemaDefinition;

    public SchemaBuilder Describe(string description)
    {
        _description = description;
        return this;
    }

    public SchemaBuilder QueryType(string name) { _queryTypeName = name; return this; }
    public SchemaBuilder MutationType(string name) { _mutationTypeName = name; return this; }
    public SchemaBuilder SubscriptionType(string name) { _subscriptionTypeName = name; return this; }

    public SchemaBuilder Object(string name, Action<ObjectTypeConfig> configure)
    {
        configure(GetOrAdd(name, n => new ObjectTypeConfig(n)));
        return this;
    }

    public SchemaBuilder Interface(string name, Action<InterfaceTypeConfig> configure)
    {
        configure(GetOrAdd(name, n => new InterfaceTypeConfig(n)));
        return this;
    }

    public SchemaBuilder Union(string name, Action<UnionTypeConfig> configure)
    {
        configure(GetOrAdd(name, n => new UnionTypeConfig(n)));
        return this;
    }

    public SchemaBuilder Enum(string name, Action<EnumTypeConfig> configure)
    {
        configure(GetOrAdd(name, n => new EnumTypeConfig(n)));
        return this;
    }

    /// <summary>An enum whose values are the members of a CLR enum (UPPER_SNAKE_CASE names).</summary>
    public SchemaBuilder Enum<TEnum>(string? name = null, Action<EnumTypeConfig>? configure = null) where TEnum : struct, System.Enum
    {
        var config = GetOrAdd(name ?? typeof(TEnum).Name, n => new EnumTypeConfig(n));
        config.BindValues<TEnum>();
        configure?.Invoke(config);
        return this;
    }

    public SchemaBuilder InputObject(string name, Action<InputObjectTypeConfig> configure)
    {
        configure(GetOrAdd(name, n => new InputObjectTypeConfig(n)));
        return this;
    }

    /// <summary>Defines a custom scalar, or supplies the conversions of a scalar declared in SDL.</summary>
    public SchemaBuilder Scalar(string name, Action<ScalarTypeConfig> configure)
    {
        configure(GetOrAdd(name, n => new ScalarTypeConfig(n)));
        return this;
    }

    public SchemaBuilder Directive(string name, Action<DirectiveConfig> configure)
    {
        var config = _directives.Find(d => d.Name == name);
        if (config is null)
        {
            config = new DirectiveConfig(name);
            _directives.Add(config);
        }

        configure(config);
        return this;
    }

    /// <summary>Binds a resolver to a field defined in SDL (or in code).</summary>
    public SchemaBuilder Resolve(string typeName, string fieldName, Func<IResolveContext, ValueTask<object?>> resolver) =>
        BindField(typeName, fieldName, f => f.Resolver = resolver);

    public SchemaBuilder Resolve(string typeName, string fieldName, Func<IResolveContext, object?> resolver) =>
        BindField(typeName, fieldName, f => f.Resolve(resolver));

    public SchemaBuilder Subscribe(string typeName, string fieldName, Func<IResolveContext, ValueTask<IAsyncEnumerable<object?>>> subscriber) =>
        BindField(typeName, fieldName, f => f.Subscriber = subscriber);

    public SchemaBuilder Authorize(string typeName, string fieldName, Func<IResolveContext, ValueTask<AuthorizationResult>> authorizer) =>
        BindField(typeName, fieldName, f => f.Authorizer = authorizer);

    public SchemaBuilder Cost(string typeName, string fieldName, int cost) => BindField(typeName, fieldName, f => f.Cost = cost);

    /// <summary>Sets how values of an interface or union are mapped to object types.</summary>
    public SchemaBuilder ResolveType(string abstractTypeName, TypeResolver resolver)
    {
        _bindings.Add(() =>
        {
            switch (_typesByName.GetValueOrDefault(abstractTypeName))
            {
                case InterfaceTypeConfig i: i.TypeResolver = resolver; break;
                case UnionTypeConfig u: u.TypeResolver = resolver; break;
                default: _errors.Add($"Cannot bind type resolver: \"{abstractTypeName}\" is not an interface or union."); break;
            }
        });
        return this;
    }

    public SchemaBuilder IsTypeOf(string objectTypeName, Func<object, bool> check)
    {
        _bindings.Add(() =>
        {
            if (_typesByName.GetValueOrDefault(objectTypeName) is ObjectTypeConfig o) o.IsTypeOfCheck = check;
            else _errors.Add($"Cannot bind IsTypeOf: \"{objectTypeName}\" is not an object type.");
        });
        return this;
    }

    private readonly List<Action> _bindings = new();

    /// <summary>Bindings run at build time, after SDL extensions, so they may target fields from extensions.</summary>
    private SchemaBuilder BindField(string typeName, string fieldName, Action<FieldConfig> bind)
    {
        _bindings.Add(() =>
        {
            var field = (_typesByName.GetValueOrDefault(typeName) as ComplexTypeConfig)?.FindField(fieldName);
            if (field is null) _errors.Add($"Cannot bind \"{typeName}.{fieldName}\": no such field.");
            else bind(field);
        });
        return this;
    }

    private T GetOrAdd<T>(string name, Func<string, T> create) where T : TypeConfig
    {
        if (_typesByName.TryGetValue(name, out var existing))
        {
            return existing as T ?? throw new InvalidOperationException(
                $"Type \"{name}\" is already defined as a different kind of type.");
        }

        var config = create(name);
        _types.Add(config);
        _typesByName[name] = config;
        return config;
    }

    /// <summary>Adds type definitions, extensions, directive definitions and a schema definition from SDL.</summary>
    public SchemaBuilder AddTypeDefinitions(string sdl, ParserOptions? options = null) =>
        AddTypeDefinitions(Parser.Parse(sdl, options ?? new ParserOptions { MaxTokens = int.MaxValue, MaxDocumentBytes = int.MaxValue }));

    public SchemaBuilder AddTypeDefinitions(DocumentNode document)
    {
        foreach (var definition in document.Definitions) SdlReader.Read(this, definition);
        return this;
    }

    internal void SetSchemaDefinition(string? description, IReadOnlyList<OperationTypeDefinitionNode> operations, bool isExtension)
    {
        if (!isExtension)
        {
            if (_hasSchemaDefinition) _errors.Add("Must provide only one schema definition.");
            _hasSchemaDefinition = true;
            _description ??= description;
        }

        foreach (var op in operations)
        {
            switch (op.Operation)
            {
                case OperationType.Query: _queryTypeName = op.Type.Name.Value; break;
                case OperationType.Mutation: _mutationTypeName = op.Type.Name.Value; break;
                default: _subscriptionTypeName = op.Type.Name.Value; break;
            }
        }
    }

    internal T DefineFromSdl<T>(string name, Func<string, T> create) where T : TypeConfig
    {
        if (_typesByName.TryGetValue(name, out var existing))
        {
            // A type declared in code first and then in SDL (or twice in SDL) is a conflict,
            // except when code only bound behaviour (e.g. scalar conversions) with no fields.
            if (existing is T typed && IsBindingOnly(existing)) return typed;
            _errors.Add($"There can be only one type named \"{name}\".");
            return existing as T ?? create(name);
        }

        return GetOrAdd(name, create);
    }

    private static bool IsBindingOnly(TypeConfig config) => config switch
    {
        ComplexTypeConfig c => c.Fields.All(f => f.Type is null),
        ScalarTypeConfig => true,
        EnumTypeConfig e => e.Values.Count == 0 || e.Values.All(v => v.Value is not null && v.Description is null),
        _ => false,
    };

    internal void AddExtension(TypeDefinitionNode extension) => _extensions.Add(extension);

    internal DirectiveConfig DefineDirective(string name)
    {
        if (_directives.Exists(d => d.Name == name)) _errors.Add($"There can be only one directive named \"@{name}\".");
        var config = new DirectiveConfig(name);
        _directives.Add(config);
        return config;
    }

    internal void AddError(string message) => _errors.Add(message);

    internal TypeConfig? FindConfig(string name) => _typesByName.GetValueOrDefault(name);

    internal IReadOnlyList<TypeConfig> Configs => _types;

    /// <summary>Applies extensions and bindings without building (introspection types are merged into user schemas).</summary>
    internal void ApplyPendingForIntrospection()
    {
        foreach (var extension in _extensions) SdlReader.ApplyExtension(this, extension);
        foreach (var bind in _bindings) bind();
        _extensions.Clear();
        _bindings.Clear();
    }

    public Schema Build()
    {
        foreach (var extension in _extensions) SdlReader.ApplyExtension(this, extension);
        foreach (var bind in _bindings) bind();
        var schema = new SchemaFactory(this).Create(
            _types, _directives, _description, _queryTypeName, _mutationTypeName, _subscriptionTypeName, _hasSchemaDefinition, _errors);
        return schema;
    }
}

/// <summary>The schema is invalid; <see cref="Errors"/> lists every problem found.</summary>
public sealed class SchemaValidationException : Exception
{
    public SchemaValidationException(IReadOnlyList<string> errors)
        : base("Invalid schema:\n" + string.Join("\n", errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }
}
