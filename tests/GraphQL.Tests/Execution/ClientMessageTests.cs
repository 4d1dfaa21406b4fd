using System.Text.Json;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Tests.Execution;

/// <summary>Scalars refuse values by throwing; what the client reads is the reason, never .NET's parameter names.</summary>
public sealed class ClientMessageTests : ExecutionTestBase
{
    private static readonly Schema Schema = new SchemaBuilder()
        .Scalar("Even", s => s
            .Serialize(v => v)
            .ParseValue(v => v switch { long n => Check(n), int n => Check(n), _ => throw new ArgumentException("Even must be a number.", "value") })
            .ParseLiteral(n => n is IntValueNode i ? Check(long.Parse(i.Value)) : throw new ArgumentException("Even must be a number.", "node")))
        .Object("Query", t => t.Field("half", "Int", f => f.Argument("n", "Even").Resolve(ctx => (int)(ctx.GetArgument<long>("n") / 2))))
        .Build();

    private static object Check(long n) =>
        n % 2 == 0 ? n
        : n < 0 ? throw new ArgumentOutOfRangeException("n", n, "Even must not be negative.")
        : throw new ArgumentException("Even must be even.", "value");

    private static string[] Messages(JsonElement result) =>
        result.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToArray();

    [Theory]
    [InlineData("{ half(n: 3) }", "Even must be even.")]
    [InlineData("{ half(n: -3) }", "Even must not be negative.")]
    [InlineData("{ half(n: \"x\") }", "Even must be a number.")]
    public async Task A_literal_refused_with_an_argument_exception_reads_without_the_parameter_name(string query, string reason)
    {
        var message = Assert.Single(Messages(await RunAsync(Schema, query)));

        Assert.EndsWith("; " + reason, message);
        Assert.DoesNotContain("Parameter", message);
        Assert.DoesNotContain("Actual value", message);
    }

    [Theory]
    [InlineData(3, "Even must be even.")]
    [InlineData(-3, "Even must not be negative.")]
    public async Task A_variable_refused_with_an_argument_exception_reads_without_the_parameter_name(int value, string reason)
    {
        var message = Assert.Single(Messages(await RunAsync(Schema, "query($n: Even) { half(n: $n) }", new { n = value })));

        Assert.EndsWith(reason, message);
        Assert.DoesNotContain("Parameter", message);
        Assert.DoesNotContain("Actual value", message);
    }

    [Fact]
    public void Messages_keep_their_words_and_lose_only_the_suffix()
    {
        Assert.Equal("Invalid cursor.", ClientMessages.Of(new ArgumentException("Invalid cursor.", "cursor")));
        Assert.Equal("Out of range.", ClientMessages.Of(new ArgumentOutOfRangeException("first", 500, "Out of range.")));
        Assert.Equal("Invalid cursor.", ClientMessages.WithoutParameter("Invalid cursor. (Parameter 'cursor')"));
        Assert.Equal("Line one.\nLine two.", ClientMessages.Of(new ArgumentException("Line one.\nLine two.")));
        Assert.Equal("Say (Parameter 'x') twice.", ClientMessages.Of(new InvalidOperationException("Say (Parameter 'x') twice.")));
    }
}
