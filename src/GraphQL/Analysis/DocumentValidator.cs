using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Analysis;

/// <summary>Runs all rules over a document in a single walk.</summary>
public static class DocumentValidator
{
    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, IReadOnlyList<IValidationRule> rules, int maxErrors = 100)
    {
        if (rules.Count == 0) return [];
        var typeInfo = new TypeInfo(schema);
        var context = new ValidationContext(schema, document, typeInfo, maxErrors);
        var visitors = new DocumentVisitor[rules.Count];
        for (var i = 0; i < rules.Count; i++) visitors[i] = rules[i].CreateVisitor(context);
        DocumentWalker.Walk(document, typeInfo, visitors);
        if (context.TooManyErrors)
            context.ReportAbort(new GraphQLError("Too many validation errors, error limit reached. Validation aborted."));
        return context.Errors;
    }
}
