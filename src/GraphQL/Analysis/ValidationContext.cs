using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Analysis;

/// <summary>A validation rule (spec section 5). Creates a visitor per validated document.</summary>
public interface IValidationRule
{
    DocumentVisitor CreateVisitor(ValidationContext context);
}

/// <summary>A variable used somewhere, with the input type expected at that place.</summary>
public sealed record VariableUsage(VariableNode Node, GraphQLType? Type, bool HasLocationDefault)
{
    /// <summary>Set when the variable is the value of a field of this @oneOf input object (a non-null position).</summary>
    public InputObjectType? OneOfObject { get; init; }
}

/// <summary>What rules see while validating one document; collect errors with <see cref="ReportError"/>.</summary>
public sealed class ValidationContext
{
    private readonly List<GraphQLError> _errors = new();
    private readonly Dictionary<string, FragmentDefinitionNode> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<SelectionSetNode, IReadOnlyList<FragmentSpreadNode>> _spreads = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ExecutableDefinitionNode, IReadOnlyList<FragmentDefinitionNode>> _recursiveFragments = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SyntaxNode, IReadOnlyList<VariableUsage>> _usages = new(ReferenceEqualityComparer.Instance);

    public ValidationContext(Schema schema, DocumentNode document, TypeInfo typeInfo, int maxErrors = 100)
    {
        Schema = schema;
        Document = document;
        TypeInfo = typeInfo;
        MaxErrors = maxErrors;
        foreach (var definition in document.Definitions)
            if (definition is FragmentDefinitionNode fragment) _fragments.TryAdd(fragment.Name.Value, fragment);
    }

    public Schema Schema { get; }
    public DocumentNode Document { get; }
    public TypeInfo TypeInfo { get; }
    public int MaxErrors { get; }
    public IReadOnlyList<GraphQLError> Errors => _errors;
    /// <summary>True once <see cref="MaxErrors"/> errors were reported; validation then stops.</summary>
    public bool TooManyErrors => _errors.Count >= MaxErrors;

    public void ReportError(GraphQLError error)
    {
        if (_errors.Count < MaxErrors) _errors.Add(error);
    }

    public void ReportError(string message, params SyntaxNode[] nodes) => ReportError(GraphQLError.At(message, nodes));

    internal void ReportAbort(GraphQLError error) => _errors.Add(error);

    /// <summary>First fragment definition with that name (duplicates are a rule's business).</summary>
    public FragmentDefinitionNode? GetFragment(string name) => _fragments.GetValueOrDefault(name);

    public IEnumerable<OperationDefinitionNode> Operations => Document.Definitions.OfType<OperationDefinitionNode>();

    /// <summary>Fragment spreads directly or via inline fragments in a selection set (not into named fragments).</summary>
    public IReadOnlyList<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode selectionSet)
    {
        if (_spreads.TryGetValue(selectionSet, out var cached)) return cached;
        var spreads = new List<FragmentSpreadNode>();
        var stack = new Stack<SelectionSetNode>();
        stack.Push(selectionSet);
        while (stack.Count > 0)
        {
            foreach (var selection in stack.Pop().Selections)
            {
                switch (selection)
                {
                    case FragmentSpreadNode spread: spreads.Add(spread); break;
                    case FieldNode { SelectionSet: { } set }: stack.Push(set); break;
                    case InlineFragmentNode inline: stack.Push(inline.SelectionSet); break;
                }
            }
        }

        _spreads[selectionSet] = spreads;
        return spreads;
    }

    /// <summary>All fragments reachable from an operation (or fragment), each once, cycles tolerated.</summary>
    public IReadOnlyList<FragmentDefinitionNode> GetRecursivelyReferencedFragments(ExecutableDefinitionNode definition)
    {
        if (_recursiveFragments.TryGetValue(definition, out var cached)) return cached;
        var result = new List<FragmentDefinitionNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<SelectionSetNode>();
        stack.Push(definition.SelectionSet);
        while (stack.Count > 0)
        {
            foreach (var spread in GetFragmentSpreads(stack.Pop()))
            {
                if (!seen.Add(spread.Name.Value)) continue;
                var fragment = GetFragment(spread.Name.Value);
                if (fragment is null) continue;
                result.Add(fragment);
                stack.Push(fragment.SelectionSet);
            }
        }

        _recursiveFragments[definition] = result;
        return result;
    }

    /// <summary>Variables used directly in an operation or fragment, with expected input types.</summary>
    public IReadOnlyList<VariableUsage> GetVariableUsages(ExecutableDefinitionNode node)
    {
        if (_usages.TryGetValue(node, out var cached)) return cached;
        var collector = new VariableUsageCollector();
        var typeInfo = new TypeInfo(Schema);
        DocumentWalker.Walk(node, typeInfo, [collector.Bind(typeInfo)]);
        _usages[node] = collector.Usages;
        return collector.Usages;
    }

    /// <summary>Variables used by an operation including in every fragment it reaches.</summary>
    public IReadOnlyList<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        var usages = new List<VariableUsage>(GetVariableUsages(operation));
        foreach (var fragment in GetRecursivelyReferencedFragments(operation)) usages.AddRange(GetVariableUsages(fragment));
        return usages;
    }

    private sealed class VariableUsageCollector : DocumentVisitor
    {
        private TypeInfo _typeInfo = null!;
        public List<VariableUsage> Usages { get; } = new();

        public VariableUsageCollector Bind(TypeInfo typeInfo)
        {
            _typeInfo = typeInfo;
            return this;
        }

        public override void Enter(SyntaxNode node)
        {
            // Variable definitions declare variables; they are not usages.
            if (node is VariableNode v && !_insideDefinition)
                Usages.Add(new VariableUsage(v, _typeInfo.InputType, _typeInfo.InputValueDefinition?.HasDefaultValue ?? false)
                {
                    OneOfObject = _typeInfo.ParentInputType?.Nullable as InputObjectType is { IsOneOf: true } oneOf ? oneOf : null,
                });
            if (node is VariableDefinitionNode) _insideDefinition = true;
        }

        public override void Leave(SyntaxNode node)
        {
            if (node is VariableDefinitionNode) _insideDefinition = false;
        }

        private bool _insideDefinition;
    }
}
