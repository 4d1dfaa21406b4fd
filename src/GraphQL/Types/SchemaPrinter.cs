using System.Text;
using Marketplace.GraphQL.Language;

namespace Marketplace.GraphQL.Types;

/// <summary>
/// Prints a schema as SDL with graphql-js printSchema rules: built-in scalars, built-in
/// directives and introspection types left out; types and fields in definition order; the schema
/// block only when root names are not the defaults (or it has a description).
/// </summary>
public static class SchemaPrinter
{
    public static string Print(Schema schema)
    {
        var blocks = new List<string>();
        if (PrintSchemaDefinition(schema) is { } definition) blocks.Add(definition);
        foreach (var directive in schema.DirectiveList)
            if (!directive.IsBuiltIn) blocks.Add(PrintDirective(directive));
        foreach (var type in schema.TypeList)
        {
            if (type.IsIntrospectionType || (type is ScalarType s && s.IsBuiltIn)) continue;
            blocks.Add(PrintType(type));
        }

        return string.Join("\n\n", blocks);
    }

    private static string? PrintSchemaDefinition(Schema schema)
    {
        var conventional = schema.QueryType.Name == "Query"
            && (schema.MutationType is null || schema.MutationType.Name == "Mutation")
            && (schema.SubscriptionType is null || schema.SubscriptionType.Name == "Subscription");
        if (conventional && schema.Description is null) return null;
        var sb = new StringBuilder(Description(schema.Description, "", true)).Append("schema {\n");
        sb.Append("  query: ").Append(schema.QueryType.Name).Append('\n');
        if (schema.MutationType is not null) sb.Append("  mutation: ").Append(schema.MutationType.Name).Append('\n');
        if (schema.SubscriptionType is not null) sb.Append("  subscription: ").Append(schema.SubscriptionType.Name).Append('\n');
        return sb.Append('}').ToString();
    }

    public static string PrintType(NamedType type)
    {
        var sb = new StringBuilder(Description(type.Description, "", true));
        switch (type)
        {
            case ScalarType scalar:
                sb.Append("scalar ").Append(scalar.Name);
                if (scalar.SpecifiedByUrl is not null) sb.Append(" @specifiedBy(url: ").Append(AstPrinter.PrintString(scalar.SpecifiedByUrl)).Append(')');
                break;
            case ObjectType obj:
                sb.Append("type ").Append(obj.Name).Append(Implements(obj)).Append(Fields(obj.Fields));
                break;
            case InterfaceType iface:
                sb.Append("interface ").Append(iface.Name).Append(Implements(iface)).Append(Fields(iface.Fields));
                break;
            case UnionType union:
                sb.Append("union ").Append(union.Name);
                if (union.Types.Count > 0) sb.Append(" = ").Append(string.Join(" | ", union.Types.Select(t => t.Name)));
                break;
            case EnumType enumType:
                sb.Append("enum ").Append(enumType.Name).Append(Block(enumType.Values.Select((v, i) =>
                    Description(v.Description, "  ", i == 0) + "  " + v.Name + Deprecated(v.DeprecationReason)).ToList()));
                break;
            case InputObjectType input:
                sb.Append("input ").Append(input.Name).Append(input.IsOneOf ? " @oneOf" : "").Append(Block(input.Fields.Select((f, i) =>
                    Description(f.Description, "  ", i == 0) + "  " + InputValue(f)).ToList()));
                break;
        }

        return sb.ToString();
    }

    private static string Implements(ComplexType type) =>
        type.Interfaces.Count == 0 ? "" : " implements " + string.Join(" & ", type.Interfaces.Select(i => i.Name));

    private static string Fields(IReadOnlyList<FieldDefinition> fields) =>
        Block(fields.Select((f, i) => Description(f.Description, "  ", i == 0) + "  " + f.Name + Arguments(f.Arguments, "  ") + ": " + f.Type + Deprecated(f.DeprecationReason)).ToList());

    private static string Block(IReadOnlyList<string> items) => items.Count == 0 ? "" : " {\n" + string.Join("\n", items) + "\n}";

    private static string Arguments(IReadOnlyList<InputValueDefinition> arguments, string indentation)
    {
        if (arguments.Count == 0) return "";
        if (arguments.All(a => a.Description is null)) return "(" + string.Join(", ", arguments.Select(InputValue)) + ")";
        return "(\n" + string.Join("\n", arguments.Select((a, i) =>
            Description(a.Description, "  " + indentation, i == 0) + "  " + indentation + InputValue(a))) + "\n" + indentation + ")";
    }

    private static string InputValue(InputValueDefinition value)
    {
        var text = value.Name + ": " + value.Type;
        if (value.DefaultValueLiteral is not null) text += " = " + AstPrinter.Print(value.DefaultValueLiteral);
        return text + Deprecated(value.DeprecationReason);
    }

    private static string Deprecated(string? reason)
    {
        if (reason is null) return "";
        if (reason == SchemaBuilder.DefaultDeprecationReason) return " @deprecated";
        return " @deprecated(reason: " + AstPrinter.PrintString(reason) + ")";
    }

    private static string PrintDirective(DirectiveDefinition directive) =>
        Description(directive.Description, "", true) + "directive @" + directive.Name + Arguments(directive.Arguments, "")
        + (directive.IsRepeatable ? " repeatable" : "") + " on " + string.Join(" | ", directive.Locations);

    private static string Description(string? description, string indentation, bool firstInBlock)
    {
        if (description is null) return "";
        var block = BlockString.Print(description, preferMultipleLines: description.Length > 70);
        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return prefix + block.Replace("\n", "\n" + indentation) + "\n";
    }
}
