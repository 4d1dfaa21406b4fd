using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;
using Marketplace.GraphQL.Validation.Support;

namespace Marketplace.GraphQL.Validation.Operations;

/// <summary>
/// Spec 5.2.3.1: a subscription selects exactly one root field (fragments included), which is not
/// an introspection field; @skip/@include are not allowed there because validation cannot know
/// the variables that would decide them.
/// </summary>
public sealed class SubscriptionSingleRootFieldRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            if (node.Operation != OperationType.Subscription || context.Schema.SubscriptionType is not { } root) return;
            var subject = node.Name is null ? "Anonymous Subscription" : $"Subscription \"{node.Name.Value}\"";
            var fieldsByKey = new Dictionary<string, List<FieldNode>>(StringComparer.Ordinal);
            var keys = new List<string>();
            foreach (var selection in RootSelections(node.SelectionSet, root))
            {
                var conditional = selection.Directives.Where(d => d.Name.Value is "skip" or "include").ToArray();
                if (conditional.Length > 0)
                    context.ReportError($"{subject} must not use `@skip` or `@include` directives in the top level selection.", conditional);
                if (selection is not FieldNode field) continue;
                if (!fieldsByKey.TryGetValue(field.ResponseKey, out var group))
                {
                    fieldsByKey[field.ResponseKey] = group = new List<FieldNode>();
                    keys.Add(field.ResponseKey);
                }

                group.Add(field);
            }

            if (keys.Count > 1)
                context.ReportError($"{subject} must select only one top level field.", keys.Skip(1).SelectMany(k => fieldsByKey[k]).ToArray());
            var introspection = keys.SelectMany(k => fieldsByKey[k]).Where(f => f.Name.Value.StartsWith("__", StringComparison.Ordinal)).ToArray();
            if (introspection.Length > 0)
                context.ReportError($"{subject} must not select an introspection top level field.", introspection);
        }

        /// <summary>Every selection of the root level, through inline fragments and fragment spreads that apply.</summary>
        private IEnumerable<SelectionNode> RootSelections(SelectionSetNode selectionSet, ObjectType root)
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<IEnumerator<SelectionNode>>();
            pending.Push(selectionSet.Selections.GetEnumerator());
            while (pending.Count > 0)
            {
                var current = pending.Peek();
                if (!current.MoveNext())
                {
                    pending.Pop().Dispose();
                    continue;
                }

                var selection = current.Current;
                yield return selection;
                switch (selection)
                {
                    case InlineFragmentNode inline when Applies(root, inline.TypeCondition):
                        pending.Push(inline.SelectionSet.Selections.GetEnumerator());
                        break;
                    case FragmentSpreadNode spread when visited.Add(spread.Name.Value)
                        && context.GetFragment(spread.Name.Value) is { } fragment && Applies(root, fragment.TypeCondition):
                        pending.Push(fragment.SelectionSet.Selections.GetEnumerator());
                        break;
                }
            }
        }

        private bool Applies(ObjectType root, NamedTypeNode? condition) =>
            condition is null || (context.Schema.GetType(condition.Name.Value) is { } type && TypeRelations.Applies(context.Schema, root, type));
    }
}
