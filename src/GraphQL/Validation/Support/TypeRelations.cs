using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Validation.Support;

/// <summary>Relations between composite types used by fragment rules.</summary>
internal static class TypeRelations
{
    /// <summary>Whether some object type can be both <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static bool Overlap(Schema schema, NamedType a, NamedType b)
    {
        if (ReferenceEquals(a, b) || a.Name == b.Name) return true;
        if (a is ObjectType objectA) return b is not ObjectType && schema.IsPossibleType(b, objectA);
        if (b is ObjectType objectB) return schema.IsPossibleType(a, objectB);
        // Both abstract: they overlap when they share a possible object type.
        foreach (var possible in schema.GetPossibleTypes(a))
            if (schema.IsPossibleType(b, possible)) return true;
        return false;
    }

    /// <summary>Spec DoesFragmentTypeApply: can a value of <paramref name="objectType"/> match the condition?</summary>
    public static bool Applies(Schema schema, ObjectType objectType, NamedType condition) =>
        condition is ObjectType ? ReferenceEquals(condition, objectType) || condition.Name == objectType.Name : schema.IsPossibleType(condition, objectType);
}
