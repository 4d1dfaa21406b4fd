using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Tests.Language;

public class ParserTests
{
    [Fact]
    public void Parses_executable_document_with_all_constructs()
    {
        var doc = Parser.Parse("""
            query Q($id: ID! = "1", $n: [Int!] @dir) @op {
              alias: item(id: $id, filter: {a: [1, 2.5e3], b: ENUM, c: null, d: true}) @include(if: true) {
                ...F
                ... on Item { title }
                ... @skip(if: false) { id }
              }
            }
            fragment F on Item { id }
            { short }
            """);
        Assert.Equal(3, doc.Definitions.Count);
        var op = Assert.IsType<OperationDefinitionNode>(doc.Definitions[0]);
        Assert.Equal("Q", op.Name!.Value);
        Assert.Equal(2, op.VariableDefinitions.Count);
        Assert.IsType<StringValueNode>(op.VariableDefinitions[0].DefaultValue);
        var field = Assert.IsType<FieldNode>(op.SelectionSet.Selections[0]);
        Assert.Equal("alias", field.ResponseKey);
        Assert.Equal(new Location(field.Location.Start, field.Location.End, 2, 3), field.Location);
        var filter = Assert.IsType<ObjectValueNode>(field.Arguments[1].Value);
        Assert.Equal("2.5e3", Assert.IsType<FloatValueNode>(Assert.IsType<ListValueNode>(filter.Fields[0].Value).Values[1]).Value);
        Assert.IsType<FragmentSpreadNode>(field.SelectionSet!.Selections[0]);
        Assert.Null(Assert.IsType<InlineFragmentNode>(field.SelectionSet.Selections[2]).TypeCondition);
    }

    [Fact]
    public void Block_strings_remove_common_indentation_and_blank_lines()
    {
        var value = (StringValueNode)Parser.ParseValue("\"\"\"\n\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\"");
        Assert.Equal("Hello,\n  World!\n\nYours,\n  GraphQL.", value.Value);
        Assert.True(value.Block);
        var escaped = (StringValueNode)Parser.ParseValue("\"\"\"a \\\"\"\" b\"\"\"");
        Assert.Equal("a \"\"\" b", escaped.Value);
    }

    [Theory]
    [InlineData("\"\\u0041\\n\"", "A\n")]
    [InlineData("\"\\u{1F600}\"", "\U0001F600")]
    [InlineData("\"\\uD83D\\uDE00\"", "\U0001F600")]
    [InlineData("\"caf\u00e9 \\\" \\\\ \\/\"", "caf\u00e9 \" \\ /")]
    public void String_escapes_decode(string literal, string expected) =>
        Assert.Equal(expected, ((StringValueNode)Parser.ParseValue(literal)).Value);

    [Theory]
    [InlineData("\"\\uD83D\"")]
    [InlineData("\"\\uDE00\"")]
    [InlineData("\"\\u{D800}\"")]
    [InlineData("\"\\u{110000}\"")]
    [InlineData("\"\\x\"")]
    [InlineData("\"unterminated")]
    public void Invalid_strings_are_syntax_errors(string literal)
    {
        var ex = Assert.Throws<GraphQLSyntaxException>(() => Parser.ParseValue(literal));
        Assert.StartsWith("Syntax Error:", ex.Message);
    }

    [Theory]
    [InlineData("{ field", 1, 8, "Expected Name, found <EOF>.")]
    [InlineData("query {\n  a(x: 01) }", 2, 9, "Invalid number, unexpected digit after 0: \"1\".")]
    [InlineData("{ a }\n  fragment on on T { a }", 2, 12, "Unexpected Name \"on\".")]
    [InlineData("{ a(x: $v) }\nquery Q($v: Int = $w) { a }", 2, 19, "Unexpected variable \"$w\" in constant value.")]
    [InlineData("{ ...on }", 1, 9, "Expected Name, found \"}\".")]
    [InlineData("notAKeyword { a }", 1, 1, "Unexpected Name \"notAKeyword\".")]
    public void Syntax_errors_report_line_and_column(string source, int line, int column, string message)
    {
        var ex = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source));
        Assert.Equal("Syntax Error: " + message, ex.Message);
        Assert.Equal(new SourceLocation(line, column), ex.Location);
    }

    [Fact]
    public void Parses_type_system_documents()
    {
        var doc = Parser.Parse(""""
            "Schema desc"
            schema @a { query: Q mutation: M }
            extend schema { subscription: S }
            "scalar desc" scalar Date @specifiedBy(url: "https://example.com")
            interface Node { id: ID! }
            interface Entity implements Node & Named @x { id: ID! name: String }
            type T implements & Node { "field" f("arg" a: Int = 1 @deprecated): [T!]! @deprecated(reason: "no") }
            union U @d = | A | B
            enum E { """block""" A B @deprecated }
            input I @oneOf { a: Int b: String = "x" }
            directive @rep(x: Int) repeatable on FIELD_DEFINITION | OBJECT
            extend type T @k
            extend interface Node { extra: Int }
            extend union U = C
            extend enum E { C }
            extend input I { c: Int }
            extend scalar Date @foo
            """");
        Assert.Equal(16, doc.Definitions.Count);
        var iface = Assert.IsType<InterfaceTypeDefinitionNode>(doc.Definitions[4]);
        Assert.Equal(["Node", "Named"], iface.Interfaces.Select(i => i.Name.Value));
        var directive = Assert.IsType<DirectiveDefinitionNode>(doc.Definitions[9]);
        Assert.True(directive.Repeatable);
        Assert.True(Assert.IsType<ObjectTypeDefinitionNode>(doc.Definitions[10]).IsExtension);
        Assert.Equal("block", Assert.IsType<EnumTypeDefinitionNode>(doc.Definitions[7]).Values[0].Description!.Value);
    }

    [Fact]
    public void Directive_definition_with_unknown_location_fails()
    {
        var ex = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("directive @x on FIELD | NOWHERE"));
        Assert.Contains("NOWHERE", ex.Message);
    }

    [Fact]
    public void Deep_nesting_fails_with_a_syntax_error_not_a_stack_overflow()
    {
        var depth = 100_000;
        var source = string.Concat(Enumerable.Repeat("{a", depth)) + new string('}', depth);
        var ex = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source, new ParserOptions { MaxTokens = int.MaxValue }));
        Assert.Equal("MAX_PARSER_DEPTH_EXCEEDED", ex.Code);

        var lists = new string('[', depth) + new string(']', depth);
        Assert.Equal("MAX_PARSER_DEPTH_EXCEEDED", Assert.Throws<GraphQLSyntaxException>(() => Parser.ParseValue(lists, new ParserOptions { MaxTokens = int.MaxValue })).Code);
    }

    [Fact]
    public void Token_and_size_limits_refuse_huge_documents()
    {
        var huge = "{ " + string.Concat(Enumerable.Repeat("a ", 200_000)) + "}";
        var tokens = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(huge, new ParserOptions { MaxTokens = 1000, MaxDocumentBytes = int.MaxValue }));
        Assert.Equal("MAX_TOKENS_EXCEEDED", tokens.Code);
        var size = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(huge, new ParserOptions { MaxDocumentBytes = 10_000 }));
        Assert.Equal("MAX_DOCUMENT_SIZE_EXCEEDED", size.Code);
    }

    [Fact]
    public void Printer_round_trips_executable_documents()
    {
        const string source = "query Q($a: [Int!]! = [1, 2]) {\n  x: f(o: {k: \"v\"}) @skip(if: $b) {\n    ...F\n    ... on T {\n      g\n    }\n  }\n}\n\nfragment F on T {\n  h\n}";
        Assert.Equal(source, AstPrinter.Print(Parser.Parse(source)));
    }
}
