namespace Marketplace.GraphQL.Types;

/// <summary>
/// An immutable, validated schema. Build with <see cref="SchemaBuilder"/> (code-first, SDL, or both).
/// Contains the built-in scalars, built-in directives and the introspection types.
/// </summary>
public sealed class Schema
{
    private readonly Dictionary<string, NamedType> _types;
    private readonly Dictionary<string, DirectiveDefinition> _directives;
    private readonly Dictionary<string, IReadOnlyList<ObjectType>> _possibleTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _subTypes = new(StringComparer.Ordinal);

    internal Schema(
        string? description,
        ObjectType query,
        ObjectType? mutation,
        ObjectType? subscription,
        IReadOnlyList<NamedType> types,
        IReadOnlyList<DirectiveDefinition> directives,
        MetaFields metaFields,
        bool hasSchemaDefinition)
    {
        Description = description;
        QueryType = query;
        MutationType = mutation;
        SubscriptionType = subscription;
        TypeList = types;
        DirectiveList = directives;
        MetaFields = metaFields;
        HasExplicitSchemaDefinition = hasSchemaDefinition;
        _types = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _directives = directives.ToDictionary(d => d.Name, StringComparer.Ordinal);

        foreach (var type in types)
        {
            if (type is UnionType union)
            {
                _possibleTypes[union.Name] = union.Types;
                _subTypes[union.Name] = union.Types.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            }
        }

        foreach (var type in types.OfType<InterfaceType>())
        {
            _possibleTypes[type.Name] = types.OfType<ObjectType>().Where(o => o.Implements(type)).ToArray();
            _subTypes[type.Name] = types.OfType<ComplexType>().Where(o => o.Implements(type)).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        }
    }

    public string? Description { get; }
    public ObjectType QueryType { get; }
    public ObjectType? MutationType { get; }
    public ObjectType? SubscriptionType { get; }
    /// <summary>All named types in definition order (built-ins and introspection types included).</summary>
    public IReadOnlyList<NamedType> TypeList { get; }
    public IReadOnlyList<DirectiveDefinition> DirectiveList { get; }
    internal MetaFields MetaFields { get; }
    internal bool HasExplicitSchemaDefinition { get; }

    public NamedType? GetType(string name) => _types.GetValueOrDefault(name);

    public DirectiveDefinition? GetDirective(string name) => _directives.GetValueOrDefault(name);

    public ObjectType? GetRootType(Language.Ast.OperationType operation) => operation switch
    {
        Language.Ast.OperationType.Query => QueryType,
        Language.Ast.OperationType.Mutation => MutationType,
        _ => SubscriptionType,
    };

    /// <summary>Object types a value of an abstract (or object) type may have at runtime.</summary>
    public IReadOnlyList<ObjectType> GetPossibleTypes(NamedType type) => type switch
    {
        ObjectType o => [o],
        _ => _possibleTypes.GetValueOrDefault(type.Name) ?? [],
    };

    /// <summary>Whether <paramref name="maybeSub"/> is a member of union / implementation of interface <paramref name="abstractType"/>.</summary>
    public bool IsSubType(NamedType abstractType, NamedType maybeSub) =>
        _subTypes.TryGetValue(abstractType.Name, out var set) && set.Contains(maybeSub.Name);

    public bool IsPossibleType(NamedType abstractType, ObjectType objectType) =>
        ReferenceEquals(abstractType, objectType) || IsSubType(abstractType, objectType);

    /// <summary>
    /// Field definition for a field name on a parent type, including the meta fields
    /// __typename (everywhere), __schema and __type (query root only).
    /// </summary>
    public FieldDefinition? GetFieldDefinition(NamedType parentType, string fieldName)
    {
        if (fieldName.Length > 2 && fieldName[0] == '_' && fieldName[1] == '_')
        {
            if (fieldName == "__typename" && parentType is ObjectType or InterfaceType or UnionType) return MetaFields.TypeName;
            if (ReferenceEquals(parentType, QueryType))
            {
                if (fieldName == "__schema") return MetaFields.Schema;
                if (fieldName == "__type") return MetaFields.Type;
            }
        }

        return (parentType as ComplexType)?.GetField(fieldName);
    }

    /// <summary>Turns a type reference in the AST into a schema type; null when a named type is unknown.</summary>
    public GraphQLType? FromTypeNode(Language.Ast.TypeNode node) => node switch
    {
        Language.Ast.NamedTypeNode n => GetType(n.Name.Value),
        Language.Ast.ListTypeNode l => FromTypeNode(l.Type) is { } inner ? new ListType(inner) : null,
        Language.Ast.NonNullTypeNode nn => FromTypeNode(nn.Type) is { } inner ? new NonNullType(inner) : null,
        _ => null,
    };
}

/// <summary>The __typename, __schema and __type field definitions.</summary>
internal sealed record MetaFields(FieldDefinition TypeName, FieldDefinition Schema, FieldDefinition Type);
