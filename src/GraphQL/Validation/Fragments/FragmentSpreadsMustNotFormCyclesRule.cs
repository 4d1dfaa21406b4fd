using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Fragments;

/// <summary>
/// Spec 5.5.2.2: a fragment must not reach itself through spreads (that would expand forever).
/// Depth-first over the spread graph with an explicit stack: long fragment chains must not
/// exhaust the call stack. Each fragment is explored once.
/// </summary>
public sealed class FragmentSpreadsMustNotFormCyclesRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        private readonly HashSet<string> _explored = new(StringComparer.Ordinal);

        public override void EnterFragmentDefinition(FragmentDefinitionNode node)
        {
            if (!_explored.Add(node.Name.Value)) return;
            // The spreads taken from the start fragment to the current one, and where each fragment sits on that path.
            var path = new List<FragmentSpreadNode>();
            var indexOnPath = new Dictionary<string, int>(StringComparer.Ordinal) { [node.Name.Value] = 0 };
            var frames = new Stack<(string Fragment, IReadOnlyList<FragmentSpreadNode> Spreads, int Next)>();
            frames.Push((node.Name.Value, context.GetFragmentSpreads(node.SelectionSet), 0));

            while (frames.Count > 0)
            {
                var (fragment, spreads, next) = frames.Pop();
                if (next >= spreads.Count)
                {
                    indexOnPath.Remove(fragment);
                    if (path.Count > 0) path.RemoveAt(path.Count - 1);
                    continue;
                }

                frames.Push((fragment, spreads, next + 1));
                var spread = spreads[next];
                var target = spread.Name.Value;
                if (indexOnPath.TryGetValue(target, out var cycleStart))
                {
                    ReportCycle(target, path.Skip(cycleStart).Append(spread).ToList());
                    continue;
                }

                if (!_explored.Add(target) || context.GetFragment(target) is not { } definition) continue;
                path.Add(spread);
                indexOnPath[target] = path.Count;
                frames.Push((target, context.GetFragmentSpreads(definition.SelectionSet), 0));
            }
        }

        private void ReportCycle(string fragment, List<FragmentSpreadNode> cycle)
        {
            var via = cycle.Count > 1 ? " via " + string.Join(", ", cycle.Take(cycle.Count - 1).Select(s => $"\"{s.Name.Value}\"")) : "";
            context.ReportError($"Cannot spread fragment \"{fragment}\" within itself{via}.", cycle.ToArray<SyntaxNode>());
        }
    }
}
