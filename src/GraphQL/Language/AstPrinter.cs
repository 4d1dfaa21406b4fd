using System.Text;
using System.Text.Json;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Language;

/// <summary>Prints AST nodes back to GraphQL text (graphql-js print formatting).</summary>
public static class AstPrinter
{
    public static string Print(SyntaxNode node)
    {
        var sb = new StringBuilder();
        Write(sb, node, "");
        return sb.ToString();
    }

    public static string PrintString(string value) =>
        JsonSerializer.Serialize(value, PrinterJson.Options);

    private static void Write(StringBuilder sb, SyntaxNode node, string indent)
    {
        switch (node)
        {
            case NameNode n: sb.Append(n.Value); break;
            case VariableNode v: sb.Append('$').Append(v.Name.Value); break;
            case IntValueNode i: sb.Append(i.Value); break;
            case FloatValueNode f: sb.Append(f.Value); break;
            case StringValueNode s: sb.Append(s.Block ? BlockString.Print(s.Value) : PrintString(s.Value)); break;
            case BooleanValueNode b: sb.Append(b.Value ? "true" : "false"); break;
            case NullValueNode: sb.Append("null"); break;
            case EnumValueNode e: sb.Append(e.Value); break;
            case ListValueNode l:
                sb.Append('[');
                for (var i = 0; i < l.Values.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, l.Values[i], indent);
                }

                sb.Append(']');
                break;
            case ObjectValueNode o:
                sb.Append('{');
                for (var i = 0; i < o.Fields.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(o.Fields[i].Name.Value).Append(": ");
                    Write(sb, o.Fields[i].Value, indent);
                }

                sb.Append('}');
                break;
            case NamedTypeNode t: sb.Append(t.Name.Value); break;
            case ListTypeNode lt: sb.Append('['); Write(sb, lt.Type, indent); sb.Append(']'); break;
            case NonNullTypeNode nn: Write(sb, nn.Type, indent); sb.Append('!'); break;
            case DirectiveNode d:
                sb.Append('@').Append(d.Name.Value);
                WriteArguments(sb, d.Arguments, indent);
                break;
            case DocumentNode doc:
                for (var i = 0; i < doc.Definitions.Count; i++)
                {
                    if (i > 0) sb.Append("\n\n");
                    Write(sb, doc.Definitions[i], indent);
                }

                break;
            case OperationDefinitionNode op: WriteOperation(sb, op, indent); break;
            case FragmentDefinitionNode fd:
                sb.Append("fragment ").Append(fd.Name.Value).Append(" on ").Append(fd.TypeCondition.Name.Value);
                WriteDirectives(sb, fd.Directives, indent);
                sb.Append(' ');
                Write(sb, fd.SelectionSet, indent);
                break;
            case SelectionSetNode set:
                sb.Append("{\n");
                foreach (var selection in set.Selections)
                {
                    sb.Append(indent).Append("  ");
                    Write(sb, selection, indent + "  ");
                    sb.Append('\n');
                }

                sb.Append(indent).Append('}');
                break;
            case FieldNode field:
                if (field.Alias is not null) sb.Append(field.Alias.Value).Append(": ");
                sb.Append(field.Name.Value);
                WriteArguments(sb, field.Arguments, indent);
                WriteDirectives(sb, field.Directives, indent);
                if (field.SelectionSet is not null)
                {
                    sb.Append(' ');
                    Write(sb, field.SelectionSet, indent);
                }

                break;
            case FragmentSpreadNode spread:
                sb.Append("...").Append(spread.Name.Value);
                WriteDirectives(sb, spread.Directives, indent);
                break;
            case InlineFragmentNode inline:
                sb.Append("...");
                if (inline.TypeCondition is not null) sb.Append(" on ").Append(inline.TypeCondition.Name.Value);
                WriteDirectives(sb, inline.Directives, indent);
                sb.Append(' ');
                Write(sb, inline.SelectionSet, indent);
                break;
            case VariableDefinitionNode vd:
                sb.Append('$').Append(vd.Variable.Name.Value).Append(": ");
                Write(sb, vd.Type, indent);
                if (vd.DefaultValue is not null)
                {
                    sb.Append(" = ");
                    Write(sb, vd.DefaultValue, indent);
                }

                WriteDirectives(sb, vd.Directives, indent);
                break;
            case ArgumentNode a:
                sb.Append(a.Name.Value).Append(": ");
                Write(sb, a.Value, indent);
                break;
            default:
                // Type system definitions are printed through the schema printer.
                sb.Append(node.Kind.ToString());
                break;
        }
    }

    private static void WriteOperation(StringBuilder sb, OperationDefinitionNode op, string indent)
    {
        var anonymousQuery = op.Operation == OperationType.Query && op.Name is null && op.VariableDefinitions.Count == 0 && op.Directives.Count == 0;
        if (!anonymousQuery)
        {
            sb.Append(op.Operation switch { OperationType.Mutation => "mutation", OperationType.Subscription => "subscription", _ => "query" });
            if (op.Name is not null) sb.Append(' ').Append(op.Name.Value);
            if (op.VariableDefinitions.Count > 0)
            {
                sb.Append('(');
                for (var i = 0; i < op.VariableDefinitions.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, op.VariableDefinitions[i], indent);
                }

                sb.Append(')');
            }

            WriteDirectives(sb, op.Directives, indent);
            sb.Append(' ');
        }

        Write(sb, op.SelectionSet, indent);
    }

    private static void WriteArguments(StringBuilder sb, IReadOnlyList<ArgumentNode> arguments, string indent)
    {
        if (arguments.Count == 0) return;
        sb.Append('(');
        for (var i = 0; i < arguments.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            Write(sb, arguments[i], indent);
        }

        sb.Append(')');
    }

    internal static void WriteDirectives(StringBuilder sb, IReadOnlyList<DirectiveNode> directives, string indent)
    {
        foreach (var d in directives)
        {
            sb.Append(' ');
            Write(sb, d, indent);
        }
    }
}

internal static class PrinterJson
{
    // Escapes like JSON.stringify: only what must be escaped, non-ASCII kept as is.
    public static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
