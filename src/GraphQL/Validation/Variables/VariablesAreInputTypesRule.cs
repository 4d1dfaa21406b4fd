using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Validation.Support;

namespace Marketplace.GraphQL.Validation.Variables;

/// <summary>Spec 5.8.2: variables are of input types (scalars, enums, input objects, lists and non-nulls of those).</summary>
public sealed class VariablesAreInputTypesRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterVariableDefinition(VariableDefinitionNode node)
        {
            var named = node.Type.NamedType;
            if (context.Schema.GetType(named.Name.Value) is null)
            {
                var options = context.Schema.TypeList.Where(t => t.IsInputType && !t.IsIntrospectionType).Select(t => t.Name);
                var hint = Suggestions.DidYouMean(Suggestions.Similar(named.Name.Value, options));
                context.ReportError($"Unknown type \"{named.Name.Value}\".{hint}", named);
                return;
            }

            if (context.Schema.FromTypeNode(node.Type) is { IsInputType: false })
                context.ReportError($"Variable \"${node.Variable.Name.Value}\" cannot be non-input type \"{AstPrinter.Print(node.Type)}\".", node.Type);
        }
    }
}
