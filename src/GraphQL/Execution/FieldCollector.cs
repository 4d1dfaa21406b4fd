using System.Text.Json;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Execution;

/// <summary>One response key of a selection set: the merged field nodes and their definition.</summary>
internal sealed class CollectedField
{
    public CollectedField(string responseKey, FieldNode first, FieldDefinition? definition)
    {
        ResponseKey = responseKey;
        Nodes = [first];
        Definition = definition;
        ArgumentsHaveVariables = first.Arguments.Any(a => ContainsVariable(a.Value));
    }

    public string ResponseKey { get; }
    public List<FieldNode> Nodes { get; }
    public FieldNode First => Nodes[0];
    /// <summary>Null for fields unknown on the type (cannot happen after validation; skipped).</summary>
    public FieldDefinition? Definition { get; }
    public bool ArgumentsHaveVariables { get; }
    /// <summary>Coerced arguments cached when they contain no variables (same for every request).</summary>
    public IReadOnlyDictionary<string, object?>? CachedArguments { get; set; }
    /// <summary>Sub-selection collected for the first object type seen (most fields only ever see one).</summary>
    public SubFields? FirstSubFields { get; set; }

    private static bool ContainsVariable(ValueNode value) => value switch
    {
        VariableNode => true,
        ListValueNode l => l.Values.Any(ContainsVariable),
        ObjectValueNode o => o.Fields.Any(f => ContainsVariable(f.Value)),
        _ => false,
    };
}

internal sealed record SubFields(ObjectType Type, CollectedFields Fields);

internal sealed class CollectedFields
{
    public static readonly CollectedFields Empty = new([]);

    public CollectedFields(IReadOnlyList<CollectedField> fields)
    {
        Fields = fields;
        Executable = fields.Where(f => f.Definition is not null).ToArray();
        Keys = Array.ConvertAll(Executable, f => f.ResponseKey);
        // Response keys are GraphQL names ([_A-Za-z][_0-9A-Za-z]*): no encoder escapes them.
        EncodedKeys = Array.ConvertAll(Keys, k => JsonEncodedText.Encode(k));
    }

    public IReadOnlyList<CollectedField> Fields { get; }
    /// <summary>The fields that run (known on the type), in response order.</summary>
    public CollectedField[] Executable { get; }
    /// <summary>Response keys of <see cref="Executable"/>: shared by every result object of this selection.</summary>
    public string[] Keys { get; }
    /// <summary><see cref="Keys"/> as UTF-8 JSON, so writing a response does not re-encode property names.</summary>
    public JsonEncodedText[] EncodedKeys { get; }
}

/// <summary>CollectFields (spec 6.3.2): merges fields by response key, applies @skip/@include and fragments.</summary>
internal static class FieldCollector
{
    public static CollectedFields Collect(
        Schema schema,
        ObjectType objectType,
        IReadOnlyList<SelectionSetNode> selectionSets,
        IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
        IReadOnlyDictionary<string, object?> variables)
    {
        var fields = new List<CollectedField>();
        var byKey = new Dictionary<string, CollectedField>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in selectionSets) CollectInto(schema, objectType, set, fragments, variables, fields, byKey, visited);
        return fields.Count == 0 ? CollectedFields.Empty : new CollectedFields(fields);
    }

    private static void CollectInto(
        Schema schema,
        ObjectType objectType,
        SelectionSetNode selectionSet,
        IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
        IReadOnlyDictionary<string, object?> variables,
        List<CollectedField> fields,
        Dictionary<string, CollectedField> byKey,
        HashSet<string> visited)
    {
        foreach (var selection in selectionSet.Selections)
        {
            if (!ShouldInclude(selection, variables)) continue;
            switch (selection)
            {
                case FieldNode field:
                {
                    var key = field.ResponseKey;
                    if (byKey.TryGetValue(key, out var existing))
                    {
                        existing.Nodes.Add(field);
                        continue;
                    }

                    var definition = schema.GetFieldDefinition(objectType, field.Name.Value);
                    var collected = new CollectedField(key, field, definition);
                    byKey[key] = collected;
                    fields.Add(collected);
                    break;
                }
                case FragmentSpreadNode spread:
                {
                    if (!visited.Add(spread.Name.Value)) continue;
                    if (!fragments.TryGetValue(spread.Name.Value, out var fragment)) continue;
                    if (!DoesFragmentApply(schema, objectType, fragment.TypeCondition)) continue;
                    CollectInto(schema, objectType, fragment.SelectionSet, fragments, variables, fields, byKey, visited);
                    break;
                }
                case InlineFragmentNode inline:
                    if (inline.TypeCondition is not null && !DoesFragmentApply(schema, objectType, inline.TypeCondition)) continue;
                    CollectInto(schema, objectType, inline.SelectionSet, fragments, variables, fields, byKey, visited);
                    break;
            }
        }
    }

    private static bool DoesFragmentApply(Schema schema, ObjectType objectType, NamedTypeNode typeCondition)
    {
        var type = schema.GetType(typeCondition.Name.Value);
        return type switch
        {
            null => false,
            ObjectType o => ReferenceEquals(o, objectType),
            _ => schema.IsPossibleType(type, objectType),
        };
    }

    /// <summary>@skip(if: true) excludes, @include(if: false) excludes; both are checked.</summary>
    public static bool ShouldInclude(IHasDirectives node, IReadOnlyDictionary<string, object?> variables)
    {
        var directives = node.Directives;
        for (var i = 0; i < directives.Count; i++)
        {
            var directive = directives[i];
            var name = directive.Name.Value;
            if (name != "skip" && name != "include") continue;
            var condition = IfArgument(directive, variables);
            if (name == "skip" && condition) return false;
            if (name == "include" && !condition) return false;
        }

        return true;
    }

    private static bool IfArgument(DirectiveNode directive, IReadOnlyDictionary<string, object?> variables)
    {
        foreach (var argument in directive.Arguments)
        {
            if (argument.Name.Value != "if") continue;
            return argument.Value switch
            {
                BooleanValueNode b => b.Value,
                VariableNode v => variables.TryGetValue(v.Name.Value, out var value) && value is true,
                _ => false,
            };
        }

        return false;
    }
}
