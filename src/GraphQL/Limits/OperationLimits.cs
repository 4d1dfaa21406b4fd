using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Limits;

/// <summary>
/// Checks depth, alias count, cost and introspection use of the operation about to run
/// (fragments expanded, each fragment analysed once, so fragment "bombs" cost nothing to check).
/// Cost: each field costs its configured cost (default 1); the cost of a field's children is
/// multiplied by its <c>first</c> or <c>last</c> argument when present.
/// </summary>
internal sealed class OperationLimits
{
    private readonly Schema _schema;
    private readonly ExecutionOptions _options;
    private readonly IReadOnlyDictionary<string, FragmentDefinitionNode> _fragments;
    private readonly IReadOnlyDictionary<string, object?> _variables;
    private readonly Dictionary<string, Measure> _fragmentMeasures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private SyntaxNode? _introspectionNode;
    private bool _readVariables;

    private OperationLimits(Schema schema, ExecutionOptions options, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments, IReadOnlyDictionary<string, object?> variables)
    {
        _schema = schema;
        _options = options;
        _fragments = fragments;
        _variables = variables;
    }

    private readonly record struct Measure(int Depth, long Aliases, long Cost);

    /// <param name="dependsOnVariables">False when no variable value was read: the outcome holds for every request of this operation.</param>
    public static IReadOnlyList<GraphQLError> Check(Schema schema, ExecutionOptions options, OperationDefinitionNode operation, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments, IReadOnlyDictionary<string, object?> variables, out bool dependsOnVariables)
    {
        var analyzer = new OperationLimits(schema, options, fragments, variables);
        var root = schema.GetRootType(operation.Operation);
        var measure = analyzer.MeasureSet(operation.SelectionSet, root);
        var errors = new List<GraphQLError>();
        if (!options.EnableIntrospection && analyzer._introspectionNode is not null)
            errors.Add(GraphQLError.WithCode("GraphQL introspection is not allowed, but the query contained __schema or __type.", ErrorCodes.IntrospectionDisabled, analyzer._introspectionNode));
        if (options.MaxDepth is { } maxDepth && measure.Depth > maxDepth)
            errors.Add(GraphQLError.WithCode($"Query depth {measure.Depth} exceeds the maximum allowed depth of {maxDepth}.", ErrorCodes.MaxDepthExceeded, operation));
        if (options.MaxAliases is { } maxAliases && measure.Aliases > maxAliases)
            errors.Add(GraphQLError.WithCode($"Query uses {measure.Aliases} aliases, more than the maximum of {maxAliases}.", ErrorCodes.MaxAliasesExceeded, operation));
        if (options.MaxCost is { } maxCost && measure.Cost > maxCost)
            errors.Add(GraphQLError.WithCode($"Query cost {measure.Cost} exceeds the maximum allowed cost of {maxCost}.", ErrorCodes.CostLimitExceeded, operation));
        dependsOnVariables = analyzer._readVariables;
        return errors;
    }

    private static long Saturate(long value) => Math.Min(value, long.MaxValue / 4);

    private Measure MeasureSet(SelectionSetNode set, NamedType? parentType)
    {
        int depth = 0;
        long aliases = 0, cost = 0;
        foreach (var selection in set.Selections)
        {
            Measure m;
            switch (selection)
            {
                case FieldNode field:
                    m = MeasureField(field, parentType);
                    break;
                case InlineFragmentNode inline:
                    m = MeasureSet(inline.SelectionSet, inline.TypeCondition is null ? parentType : _schema.GetType(inline.TypeCondition.Name.Value));
                    break;
                case FragmentSpreadNode spread:
                    m = MeasureFragment(spread.Name.Value);
                    break;
                default:
                    continue;
            }

            depth = Math.Max(depth, m.Depth);
            aliases = Saturate(aliases + m.Aliases);
            cost = Saturate(cost + m.Cost);
        }

        return new Measure(depth, aliases, cost);
    }

    private Measure MeasureFragment(string name)
    {
        if (_fragmentMeasures.TryGetValue(name, out var cached)) return cached;
        if (!_fragments.TryGetValue(name, out var fragment) || !_inProgress.Add(name)) return default; // unknown or cyclic: validation reports it
        var measure = MeasureSet(fragment.SelectionSet, _schema.GetType(fragment.TypeCondition.Name.Value));
        _inProgress.Remove(name);
        _fragmentMeasures[name] = measure;
        return measure;
    }

    private Measure MeasureField(FieldNode field, NamedType? parentType)
    {
        var name = field.Name.Value;
        if (name is "__schema" or "__type") _introspectionNode ??= field;
        var definition = parentType is null ? null : _schema.GetFieldDefinition(parentType, name);
        var aliases = field.Alias is null ? 0L : 1L;
        if (name == "__typename") return new Measure(0, aliases, 0);
        var ownCost = definition?.Cost ?? 1;
        if (field.SelectionSet is null) return new Measure(1, aliases, ownCost);
        var children = MeasureSet(field.SelectionSet, definition?.Type.Named);
        var multiplier = ListSize(field);
        return new Measure(children.Depth + 1, Saturate(aliases + children.Aliases), Saturate(ownCost + Saturate(multiplier * children.Cost)));
    }

    private object? ReadVariable(VariableNode variable)
    {
        _readVariables = true;
        return _variables.GetValueOrDefault(variable.Name.Value);
    }

    private long ListSize(FieldNode field)
    {
        foreach (var argument in field.Arguments)
        {
            if (argument.Name.Value is not ("first" or "last")) continue;
            var value = argument.Value switch
            {
                IntValueNode i => long.TryParse(i.Value, out var n) ? n : 1,
                VariableNode v => ReadVariable(v) is { } x && BuiltInScalarsAccess.AsInteger(x) is { } n ? n : 1,
                _ => 1,
            };
            return Math.Max(1, value);
        }

        return 1;
    }
}

internal static class BuiltInScalarsAccess
{
    public static long? AsInteger(object value) => BuiltInScalars.AsInteger(value);
}
