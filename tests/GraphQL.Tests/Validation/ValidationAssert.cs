using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Tests.Validation;

/// <summary>Runs one rule (or all) over a document and checks messages and locations.</summary>
internal static class ValidationAssert
{
    public static IReadOnlyList<GraphQLError> Validate(IValidationRule rule, string document, Schema? schema = null) =>
        DocumentValidator.Validate(schema ?? ValidationTestSchema.Schema, Parser.Parse(document), [rule]);

    public static void Valid(IValidationRule rule, string document)
    {
        var errors = Validate(rule, document);
        Assert.True(errors.Count == 0, "Expected no errors, got: " + string.Join(" | ", errors.Select(e => e.Message)));
    }

    /// <summary>Asserts exactly the given errors, in order. Locations are (line, column) pairs.</summary>
    public static void Invalid(IValidationRule rule, string document, params ExpectedError[] expected)
    {
        var errors = Validate(rule, document);
        Assert.True(errors.Count == expected.Length,
            $"Expected {expected.Length} error(s), got {errors.Count}: " + string.Join(" | ", errors.Select(e => e.Message)));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Message, errors[i].Message);
            Assert.Equal(expected[i].Locations, (errors[i].Locations ?? []).ToArray());
        }
    }

    public static ExpectedError Error(string message, params (int Line, int Column)[] locations) =>
        new(message, locations.Select(l => new SourceLocation(l.Line, l.Column)).ToArray());
}

internal sealed record ExpectedError(string Message, SourceLocation[] Locations);
