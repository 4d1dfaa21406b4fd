using System.Runtime.CompilerServices;
using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Tests.Transport;

/// <summary>Small schema the transport tests run against: queries, a mutation, a ticking subscription.</summary>
internal static class TransportTestSchema
{
    public static Schema Create() => new SchemaBuilder()
        .Object("Nested", t => t
            .Field("value", "Int!", _ => 1)
            .Field("child", "Nested", _ => new object()))
        .Object("Query", t => t
            .Field("hello", "String!", f => f.Argument("name", "String", defaultValue: "\"world\"").Resolve(ctx => "Hello " + ctx.GetArgument<string>("name")))
            .Field("whoami", "String", ctx => ctx.UserContext as string)
            .Field("boom", "String", _ => throw new InvalidOperationException("secret detail"))
            .Field("nested", "Nested", _ => new object())
            .Field("many", "[Nested!]!", f => f.Argument("first", "Int!").Resolve(ctx => Enumerable.Range(0, ctx.GetArgument<int>("first")).Select(_ => new object()).ToList())))
        .Object("Mutation", t => t
            .Field("echo", "String!", f => f.Argument("text", "String!").Resolve(ctx => ctx.GetArgument<string>("text"))))
        .Object("Subscription", t => t
            .Field("ticks", "Int!", f => f
                .Argument("count", "Int!")
                .Argument("delayMs", "Int", defaultValue: "0")
                .Subscribe(ctx => Ticks(ctx.GetArgument<int>("count"), ctx.GetArgument<int>("delayMs"), ctx.CancellationToken))
                .Resolve(ctx => ctx.Source)))
        .Build();

    private static async IAsyncEnumerable<object?> Ticks(int count, int delayMs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 1; i <= count; i++)
        {
            if (delayMs > 0) await Task.Delay(delayMs, cancellationToken);
            else await Task.Yield();
            yield return i;
        }
    }
}

/// <summary>
/// Stand-in for the validation engine's FieldsOnCorrectType rule (not merged here yet), so the
/// transport's handling of validation failures can be tested.
/// </summary>
internal sealed class KnownFieldsRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterField(FieldNode node)
        {
            if (context.TypeInfo.ParentType is { } parent && context.TypeInfo.FieldDefinition is null)
                context.ReportError($"Cannot query field \"{node.Name.Value}\" on type \"{parent.Name}\".", node);
        }
    }
}
