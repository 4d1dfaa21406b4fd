using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Documents;

/// <summary>Spec 5.1.1: a document sent for execution holds only operations and fragments.</summary>
public sealed class ExecutableDefinitionsRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterDocument(DocumentNode node)
        {
            foreach (var definition in node.Definitions)
            {
                if (definition is ExecutableDefinitionNode) continue;
                var name = definition switch
                {
                    SchemaDefinitionNode or SchemaExtensionNode => "schema",
                    TypeDefinitionNode type => $"\"{type.Name.Value}\"",
                    DirectiveDefinitionNode directive => $"\"@{directive.Name.Value}\"",
                    _ => "type system",
                };
                context.ReportError($"The {name} definition is not executable.", definition);
            }
        }
    }
}
