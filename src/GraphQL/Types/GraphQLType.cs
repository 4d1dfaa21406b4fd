using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Types;

/// <summary>Introspection kinds (names match __TypeKind).</summary>
public enum TypeKind { SCALAR, OBJECT, INTERFACE, UNION, ENUM, INPUT_OBJECT, LIST, NON_NULL }

/// <summary>Any GraphQL type: a named type or a list/non-null wrapper.</summary>
public abstract class GraphQLType
{
    public abstract TypeKind Kind { get; }

    /// <summary>The innermost named type.</summary>
    public abstract NamedType Named { get; }

    public bool IsNonNull => Kind == TypeKind.NON_NULL;

    /// <summary>Type without its outer non-null wrapper.</summary>
    public GraphQLType Nullable => this is NonNullType nn ? nn.OfType : this;

    public bool IsInputType => Named is ScalarType or EnumType or InputObjectType;
    public bool IsOutputType => Named is ScalarType or EnumType or ObjectType or InterfaceType or UnionType;
    public bool IsLeafType => Named is ScalarType or EnumType;
    public bool IsCompositeType => Named is ObjectType or InterfaceType or UnionType;

    /// <summary>Type reference in SDL syntax, e.g. <c>[Item!]!</c>.</summary>
    public abstract override string ToString();
}

public abstract class NamedType : GraphQLType
{
    protected NamedType(string name) => Name = name;

    public string Name { get; }
    public string? Description { get; internal set; }
    /// <summary>Directives applied in SDL (kept for printing and for tools).</summary>
    public IReadOnlyList<DirectiveNode> AppliedDirectives { get; internal set; } = [];
    public override NamedType Named => this;
    public bool IsIntrospectionType => Name.StartsWith("__", StringComparison.Ordinal);
    public override string ToString() => Name;
}

public sealed class ListType : GraphQLType
{
    public ListType(GraphQLType ofType) => OfType = ofType;
    public GraphQLType OfType { get; }
    public override TypeKind Kind => TypeKind.LIST;
    public override NamedType Named => OfType.Named;
    public override string ToString() => $"[{OfType}]";
}

public sealed class NonNullType : GraphQLType
{
    public NonNullType(GraphQLType ofType)
    {
        if (ofType is NonNullType) throw new ArgumentException("Non-null of non-null is not a type.", nameof(ofType));
        OfType = ofType;
    }

    public GraphQLType OfType { get; }
    public override TypeKind Kind => TypeKind.NON_NULL;
    public override NamedType Named => OfType.Named;
    public override string ToString() => $"{OfType}!";
}

/// <summary>Structural helpers over types (no state).</summary>
public static class TypeComparisons
{
    /// <summary>Same type reference (same wrappers around the same named type).</summary>
    public static bool AreEqual(GraphQLType a, GraphQLType b) => (a, b) switch
    {
        (NonNullType x, NonNullType y) => AreEqual(x.OfType, y.OfType),
        (ListType x, ListType y) => AreEqual(x.OfType, y.OfType),
        (NamedType x, NamedType y) => ReferenceEquals(x, y) || x.Name == y.Name,
        _ => false,
    };

    /// <summary>Whether <paramref name="maybeSub"/> can stand where <paramref name="super"/> is expected (output covariance).</summary>
    public static bool IsSubtype(Schema schema, GraphQLType maybeSub, GraphQLType super)
    {
        if (AreEqual(maybeSub, super)) return true;
        if (super is NonNullType sn) return maybeSub is NonNullType mn && IsSubtype(schema, mn.OfType, sn.OfType);
        if (maybeSub is NonNullType m) return IsSubtype(schema, m.OfType, super);
        if (super is ListType sl) return maybeSub is ListType ml && IsSubtype(schema, ml.OfType, sl.OfType);
        if (maybeSub is ListType) return false;
        return super is InterfaceType or UnionType && maybeSub is ObjectType or InterfaceType
            && schema.IsSubType((NamedType)super, (NamedType)maybeSub);
    }
}
