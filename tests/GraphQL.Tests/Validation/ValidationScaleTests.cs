using System.Text;
using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Validation;
using Marketplace.GraphQL.Validation.Fields.Merging;

namespace Marketplace.GraphQL.Tests.Validation;

/// <summary>
/// Hostile-size documents: validation must stay linear. Work is measured by counting the field
/// entries the merge check looks at (deterministic), never by the clock.
/// </summary>
public sealed class ValidationScaleTests
{
    private static readonly ParserOptions Unlimited = new() { MaxTokens = int.MaxValue, MaxDocumentBytes = int.MaxValue };

    [Fact]
    public void Thousands_of_identical_fields_merge_in_linear_work()
    {
        const int count = 5000;
        var text = "{ dog { " + string.Concat(Enumerable.Repeat("name doesKnowCommand(dogCommand: SIT) ", count)) + "} }";
        AssertLinear(text, fieldNodes: 2 * count + 1);
    }

    [Fact]
    public void Thousands_of_repeated_nested_fields_merge_in_linear_work()
    {
        const int count = 2000;
        var text = "{ " + string.Concat(Enumerable.Repeat("dog { name owner { name pets { name } } } ", count)) + "}";
        AssertLinear(text, fieldNodes: 5 * count);
    }

    [Fact]
    public void Thousands_of_fragments_with_the_same_fields_merge_in_linear_work()
    {
        const int count = 1500;
        var text = new StringBuilder("{ dog { ");
        for (var i = 0; i < count; i++) text.Append($"...F{i} ");
        text.Append("} }\n");
        for (var i = 0; i < count; i++) text.Append($"fragment F{i} on Dog {{ name owner {{ name }} ...F{(i + 1) % count} }}\n");
        // The fragments form one big cycle: the cycle rule reports it, nothing else may blow up.
        var errors = SpecifiedRules.Validate(ValidationTestSchema.Schema, Parser.Parse(text.ToString(), Unlimited));
        Assert.Contains(errors, e => e.Message.StartsWith("Cannot spread fragment \"F0\" within itself via \"F1\"", StringComparison.Ordinal));
        Assert.True(MergeWork(text.ToString()) <= 20L * 3 * count);
    }

    [Fact]
    public void Fragments_spread_twice_at_every_level_do_not_expand_exponentially()
    {
        // Each level spreads the next fragment under two fields: 2^depth paths if expanded naively.
        const int depth = 60;
        var text = new StringBuilder("{ dog { ...L0 } }\n");
        for (var i = 0; i < depth; i++)
            text.Append($"fragment L{i} on Dog {{ name owner {{ pets {{ ... on Dog {{ ...L{i + 1} }} }} }} owner {{ pets {{ ... on Dog {{ ...L{i + 1} }} }} }} other: owner {{ pets {{ ...on Dog {{ ...L{i + 1} }} }} }} }}\n");
        text.Append($"fragment L{depth} on Dog {{ name }}\n");
        AssertLinear(text.ToString(), fieldNodes: 7 * depth + 2);
    }

    [Fact]
    public void Conflicts_among_thousands_of_fields_stop_at_the_error_limit()
    {
        var text = "{ dog { " + string.Concat(Enumerable.Range(0, 3000).Select(i => i % 2 == 0 ? "x: name " : "x: nickname ")) + "} }";
        var errors = SpecifiedRules.Validate(ValidationTestSchema.Schema, Parser.Parse(text, Unlimited), maxErrors: 50);
        Assert.Equal(51, errors.Count);
        Assert.Equal("Too many validation errors, error limit reached. Validation aborted.", errors[^1].Message);
    }

    private static void AssertLinear(string text, int fieldNodes)
    {
        var errors = SpecifiedRules.Validate(ValidationTestSchema.Schema, Parser.Parse(text, Unlimited));
        Assert.True(errors.Count == 0, string.Join(" | ", errors.Take(5).Select(e => e.Message)));
        var work = MergeWork(text);
        Assert.True(work <= 20L * fieldNodes, $"merge check looked at {work} field entries for {fieldNodes} field nodes");
    }

    private static long MergeWork(string text)
    {
        var document = Parser.Parse(text, Unlimited);
        var typeInfo = new TypeInfo(ValidationTestSchema.Schema);
        var context = new ValidationContext(ValidationTestSchema.Schema, document, typeInfo);
        var checker = new FieldMergeChecker(context);
        checker.CheckDocument(document);
        return checker.ExaminedFields;
    }
}
