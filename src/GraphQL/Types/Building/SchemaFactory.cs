using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Introspection;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Types;

/// <summary>Turns builder configs into the immutable schema model, then validates it.</summary>
internal sealed class SchemaFactory
{
    private readonly Dictionary<string, NamedType> _types = new(StringComparer.Ordinal);
    private readonly List<NamedType> _ordered = new();
    private readonly List<string> _errors = new();

    public SchemaFactory(SchemaBuilder builder) { }

    public Schema Create(
        IReadOnlyList<TypeConfig> userTypes,
        IReadOnlyList<DirectiveConfig> userDirectives,
        string? description,
        string? queryName,
        string? mutationName,
        string? subscriptionName,
        bool hasSchemaDefinition,
        IReadOnlyList<string> builderErrors)
    {
        _errors.AddRange(builderErrors);
        var introspection = IntrospectionTypes.CreateConfigs();
        var configs = userTypes.Where(t => !(t is ScalarTypeConfig && BuiltInScalars.IsBuiltIn(t.Name))).Concat(introspection).ToList();

        foreach (var config in configs) Add(CreateShell(config));
        foreach (var scalar in BuiltInScalars.Create())
            if (!_types.ContainsKey(scalar.Name)) Add(scalar);

        foreach (var config in configs) Fill(config);

        var directives = BuiltInDirectives().Concat(userDirectives.Where(d => !IsBuiltInDirective(d.Name)).Select(CreateDirective)).ToList();

        var query = RootType(queryName ?? "Query", "Query", required: true, explicitName: queryName is not null);
        var mutation = RootType(mutationName ?? "Mutation", "Mutation", required: mutationName is not null, explicitName: mutationName is not null);
        var subscription = RootType(subscriptionName ?? "Subscription", "Subscription", required: subscriptionName is not null, explicitName: subscriptionName is not null);
        if (_errors.Count > 0) throw new SchemaValidationException(_errors);

        var metaFields = IntrospectionTypes.CreateMetaFields(_types);
        var schema = new Schema(description, query!, mutation, subscription, _ordered, directives, metaFields, hasSchemaDefinition);
        SchemaValidator.Validate(schema, _errors);
        if (_errors.Count == 0) CoerceDefaults(schema);
        if (_errors.Count > 0) throw new SchemaValidationException(_errors);

        foreach (var type in _ordered.OfType<ComplexType>())
            foreach (var field in type.Fields)
            {
                if (field.Resolver is null) field.DefaultResolver = new DefaultFieldResolver(field.Name);
                field.EffectiveResolver = field.Resolver ?? field.DefaultResolver!.Resolve;
            }

        foreach (var meta in new[] { metaFields.Schema, metaFields.Type, metaFields.TypeName })
            meta.EffectiveResolver = meta.Resolver!;
        return schema;
    }

    private static bool IsBuiltInDirective(string name) => name is "skip" or "include" or "deprecated" or "specifiedBy" or "oneOf";

    private void Add(NamedType type)
    {
        _types[type.Name] = type;
        _ordered.Add(type);
    }

    private ObjectType? RootType(string name, string operation, bool required, bool explicitName)
    {
        var type = _types.GetValueOrDefault(name);
        if (type is null)
        {
            if (required) _errors.Add(explicitName ? $"{operation} root type \"{name}\" is not defined." : "Query root type must be provided.");
            return null;
        }

        if (type is ObjectType o) return o;
        if (required || explicitName) _errors.Add($"{operation} root type must be Object type, it cannot be {name}.");
        return null;
    }

    private static NamedType CreateShell(TypeConfig config) => config switch
    {
        ObjectTypeConfig c => new ObjectType(c.Name) { Description = c.Description, AppliedDirectives = c.Directives, IsTypeOf = c.IsTypeOfCheck },
        InterfaceTypeConfig c => new InterfaceType(c.Name) { Description = c.Description, AppliedDirectives = c.Directives, ResolveType = c.TypeResolver },
        UnionTypeConfig c => new UnionType(c.Name) { Description = c.Description, AppliedDirectives = c.Directives, ResolveType = c.TypeResolver },
        EnumTypeConfig c => new EnumType(c.Name) { Description = c.Description, AppliedDirectives = c.Directives },
        InputObjectTypeConfig c => new InputObjectType(c.Name) { Description = c.Description, AppliedDirectives = c.Directives, IsOneOf = c.IsOneOf },
        ScalarTypeConfig c => new ScalarType(
            c.Name,
            c.Serializer ?? PassThroughScalar.Serialize,
            c.ValueParser ?? PassThroughScalar.ParseValue,
            c.LiteralParser ?? PassThroughScalar.ParseLiteral)
        {
            Description = c.Description, AppliedDirectives = c.Directives, SpecifiedByUrl = c.SpecifiedByUrl,
        },
        _ => throw new InvalidOperationException($"Unknown type config {config.GetType().Name}."),
    };

    private void Fill(TypeConfig config)
    {
        switch (_types[config.Name], config)
        {
            case (ComplexType type, ComplexTypeConfig c):
                type.Fields = c.Fields.Select(f => CreateField(c.Name, f)).ToArray();
                type.Interfaces = c.Interfaces.Select(name => _types.GetValueOrDefault(name) switch
                {
                    InterfaceType i => i,
                    null => Fail<InterfaceType>($"Type \"{c.Name}\" implements unknown interface \"{name}\"."),
                    _ => Fail<InterfaceType>($"Type \"{c.Name}\" must only implement Interface types, it cannot implement {name}."),
                }).Where(i => i is not null).ToArray()!;
                break;
            case (UnionType union, UnionTypeConfig c):
                union.Types = c.Types.Select(name => _types.GetValueOrDefault(name) switch
                {
                    ObjectType o => o,
                    null => Fail<ObjectType>($"Union \"{c.Name}\" refers to unknown type \"{name}\"."),
                    _ => Fail<ObjectType>($"Union type \"{c.Name}\" can only include Object types, it cannot include {name}."),
                }).Where(o => o is not null).ToArray()!;
                break;
            case (EnumType enumType, EnumTypeConfig c):
                enumType.Values = c.Values.Select(v => new EnumValueDefinition(v.Name, v.Value ?? v.Name)
                {
                    Description = v.Description, DeprecationReason = v.DeprecationReason, AppliedDirectives = v.Directives,
                }).ToArray();
                break;
            case (InputObjectType input, InputObjectTypeConfig c):
                input.Fields = c.Fields.Select(f => CreateInputValue($"{c.Name}.{f.Name}", f)).ToArray();
                break;
        }
    }

    private T? Fail<T>(string message) where T : class
    {
        _errors.Add(message);
        return null;
    }

    private FieldDefinition CreateField(string typeName, FieldConfig config)
    {
        GraphQLType type;
        if (config.Type is null)
        {
            _errors.Add($"Field \"{typeName}.{config.Name}\" has no type (was a resolver bound to a field that is not defined?).");
            type = _types["String"];
        }
        else
        {
            type = ResolveTypeReference(config.Type, $"{typeName}.{config.Name}");
        }

        return new FieldDefinition(config.Name, type)
        {
            Description = config.Description,
            DeprecationReason = config.DeprecationReason,
            AppliedDirectives = config.Directives,
            Arguments = config.Arguments.Select(a => CreateInputValue($"{typeName}.{config.Name}({a.Name}:)", a)).ToArray(),
            Resolver = config.Resolver,
            Subscriber = config.Subscriber,
            Authorizer = config.Authorizer,
            Cost = config.Cost,
        };
    }

    private InputValueDefinition CreateInputValue(string coordinate, InputValueConfig config) =>
        new(config.Name, ResolveTypeReference(config.Type, coordinate))
        {
            Description = config.Description,
            DefaultValueLiteral = config.DefaultValue,
            DeprecationReason = config.DeprecationReason,
            AppliedDirectives = config.Directives,
        };

    private GraphQLType ResolveTypeReference(TypeNode node, string coordinate)
    {
        switch (node)
        {
            case NonNullTypeNode nn: return new NonNullType(ResolveTypeReference(nn.Type, coordinate));
            case ListTypeNode l: return new ListType(ResolveTypeReference(l.Type, coordinate));
            case NamedTypeNode n:
                if (_types.TryGetValue(n.Name.Value, out var type)) return type;
                _errors.Add($"Unknown type \"{n.Name.Value}\" referenced by \"{coordinate}\".");
                return _types["String"];
            default: throw new InvalidOperationException("Unknown type node.");
        }
    }

    private DirectiveDefinition CreateDirective(DirectiveConfig config)
    {
        if (config.Locations.Count == 0) _errors.Add($"Directive \"@{config.Name}\" must have at least one location.");
        return new DirectiveDefinition(config.Name, config.Locations.ToArray())
        {
            Description = config.Description,
            IsRepeatable = config.IsRepeatable,
            Arguments = config.Arguments.Select(a => CreateInputValue($"@{config.Name}({a.Name}:)", a)).ToArray(),
        };
    }

    private IEnumerable<DirectiveDefinition> BuiltInDirectives()
    {
        var boolean = new NonNullType(_types["Boolean"]);
        var text = _types["String"];
        yield return new DirectiveDefinition("include", [DirectiveLocation.FIELD, DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT])
        {
            Description = "Directs the executor to include this field or fragment only when the `if` argument is true.",
            Arguments = [new InputValueDefinition("if", boolean) { Description = "Included when true." }],
        };
        yield return new DirectiveDefinition("skip", [DirectiveLocation.FIELD, DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT])
        {
            Description = "Directs the executor to skip this field or fragment when the `if` argument is true.",
            Arguments = [new InputValueDefinition("if", boolean) { Description = "Skipped when true." }],
        };
        yield return new DirectiveDefinition("deprecated", [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.ARGUMENT_DEFINITION, DirectiveLocation.INPUT_FIELD_DEFINITION, DirectiveLocation.ENUM_VALUE])
        {
            Description = "Marks an element of a GraphQL schema as no longer supported.",
            Arguments =
            [
                new InputValueDefinition("reason", text)
                {
                    Description = "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
                    DefaultValueLiteral = new StringValueNode { Value = SchemaBuilder.DefaultDeprecationReason },
                    DefaultValue = SchemaBuilder.DefaultDeprecationReason,
                },
            ],
        };
        yield return new DirectiveDefinition("specifiedBy", [DirectiveLocation.SCALAR])
        {
            Description = "Exposes a URL that specifies the behavior of this scalar.",
            Arguments = [new InputValueDefinition("url", new NonNullType(text)) { Description = "The URL that specifies the behavior of this scalar." }],
        };
        yield return new DirectiveDefinition("oneOf", [DirectiveLocation.INPUT_OBJECT])
        {
            Description = "Indicates exactly one field must be supplied and this field must not be `null`.",
        };
    }

    private void CoerceDefaults(Schema schema)
    {
        void Coerce(InputValueDefinition definition, string coordinate)
        {
            if (definition.DefaultValueLiteral is null || definition.DefaultValue is not null) return;
            try
            {
                var value = ValueCoercion.CoerceLiteral(definition.DefaultValueLiteral, definition.Type, null);
                definition.DefaultValue = ReferenceEquals(value, ValueCoercion.Undefined) ? null : value;
            }
            catch (GraphQLCoercionException ex)
            {
                _errors.Add($"Invalid default value for \"{coordinate}\": {ex.Message}");
            }
        }

        // Input object defaults may refer to other input objects' defaults: coerce inner ones first.
        foreach (var input in schema.TypeList.OfType<InputObjectType>())
            foreach (var field in input.Fields)
                Coerce(field, $"{input.Name}.{field.Name}");
        foreach (var type in schema.TypeList.OfType<ComplexType>())
            foreach (var field in type.Fields)
                foreach (var argument in field.Arguments)
                    Coerce(argument, $"{type.Name}.{field.Name}({argument.Name}:)");
        foreach (var directive in schema.DirectiveList)
            foreach (var argument in directive.Arguments)
                Coerce(argument, $"@{directive.Name}({argument.Name}:)");
    }
}

/// <summary>Conversions for a custom scalar declared in SDL without code: values pass through unchanged.</summary>
internal static class PassThroughScalar
{
    public static object? Serialize(object value) => value;
    public static object? ParseValue(object value) => value;

    public static object? ParseLiteral(ValueNode node) => node switch
    {
        StringValueNode s => s.Value,
        BooleanValueNode b => b.Value,
        IntValueNode i => long.TryParse(i.Value, out var l) ? l : decimal.Parse(i.Value, System.Globalization.CultureInfo.InvariantCulture),
        FloatValueNode f => decimal.TryParse(f.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : double.Parse(f.Value, System.Globalization.CultureInfo.InvariantCulture),
        EnumValueNode e => e.Value,
        NullValueNode => null,
        ListValueNode l => l.Values.Select(ParseLiteral).ToArray(),
        ObjectValueNode o => o.Fields.ToDictionary(f => f.Name.Value, f => ParseLiteral(f.Value)),
        _ => throw new GraphQLCoercionException($"Unexpected literal {AstPrinter.Print(node)}."),
    };
}
