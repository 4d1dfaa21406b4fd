using System.Text;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Language;

/// <summary>
/// Recursive-descent parser for the full GraphQL grammar (executable and type system documents).
/// Depth is bounded by <see cref="ParserOptions.MaxDepth"/> so hostile nesting fails with a syntax
/// error instead of a stack overflow.
/// </summary>
public sealed class Parser
{
    private readonly Lexer _lexer;
    private readonly ParserOptions _options;
    private Token _token;
    private Token _previous;
    private int _depth;

    private Parser(string source, ParserOptions options)
    {
        _options = options;
        _lexer = new Lexer(source, options.MaxTokens);
        _token = _lexer.Next();
    }

    public static DocumentNode Parse(string source, ParserOptions? options = null)
    {
        options ??= ParserOptions.Default;
        CheckSize(source, options);
        var parser = new Parser(source, options);
        var document = parser.ParseDocument();
        return new DocumentNode
        {
            Definitions = document.Definitions,
            Location = document.Location,
            Source = source,
            TokenCount = parser._lexer.TokenCount,
        };
    }

    /// <summary>Parses a single value literal such as <c>[1, "a", {b: true}]</c>.</summary>
    public static ValueNode ParseValue(string source, ParserOptions? options = null)
    {
        options ??= ParserOptions.Default;
        CheckSize(source, options);
        var parser = new Parser(source, options);
        var value = parser.ParseValueLiteral(isConst: false);
        parser.Expect(TokenKind.EndOfFile);
        return value;
    }

    /// <summary>Parses a type reference such as <c>[String!]!</c>.</summary>
    public static TypeNode ParseType(string source, ParserOptions? options = null)
    {
        options ??= ParserOptions.Default;
        CheckSize(source, options);
        var parser = new Parser(source, options);
        var type = parser.ParseTypeReference();
        parser.Expect(TokenKind.EndOfFile);
        return type;
    }

    private static void CheckSize(string source, ParserOptions options)
    {
        // Cheap upper bound first: a UTF-8 byte count is at most 3 per UTF-16 char.
        if ((long)source.Length * 3 > options.MaxDocumentBytes && Encoding.UTF8.GetByteCount(source) > options.MaxDocumentBytes)
            throw new GraphQLSyntaxException($"Document is larger than {options.MaxDocumentBytes} bytes.", new SourceLocation(1, 1), "MAX_DOCUMENT_SIZE_EXCEEDED");
    }

    // ---- helpers ----

    private Location LocFrom(Token start) => new(start.Start, _previous.End, start.Line, start.Column);

    private Token Advance()
    {
        _previous = _token;
        _token = _lexer.Next();
        return _previous;
    }

    private bool Peek(TokenKind kind) => _token.Kind == kind;

    private bool PeekName(string value) => _token.Kind == TokenKind.Name && _token.Value == value;

    private Token Expect(TokenKind kind)
    {
        if (_token.Kind == kind) return Advance();
        throw Unexpected($"Expected {Token.Punctuator(kind)}, found {_token.Describe()}.");
    }

    private bool Skip(TokenKind kind)
    {
        if (_token.Kind != kind) return false;
        Advance();
        return true;
    }

    private void ExpectKeyword(string value)
    {
        if (PeekName(value))
        {
            Advance();
            return;
        }

        throw Unexpected($"Expected \"{value}\", found {_token.Describe()}.");
    }

    private bool SkipKeyword(string value)
    {
        if (!PeekName(value)) return false;
        Advance();
        return true;
    }

    private GraphQLSyntaxException Unexpected(string? message = null) =>
        new(message ?? $"Unexpected {_token.Describe()}.", new SourceLocation(_token.Line, _token.Column));

    private void Enter()
    {
        if (++_depth > _options.MaxDepth)
            throw new GraphQLSyntaxException($"Document nesting is deeper than {_options.MaxDepth}.", new SourceLocation(_token.Line, _token.Column), "MAX_PARSER_DEPTH_EXCEEDED");
    }

    private void Leave() => _depth--;

    /// <summary>open item+ close (at least one item).</summary>
    private List<T> Many<T>(TokenKind open, Func<T> item, TokenKind close)
    {
        Expect(open);
        var list = new List<T>();
        do list.Add(item()); while (!Skip(close));
        return list;
    }

    /// <summary>(open item* close)? returning empty when the open token is absent.</summary>
    private IReadOnlyList<T> OptionalMany<T>(TokenKind open, Func<T> item, TokenKind close) =>
        Peek(open) ? Many(open, item, close) : [];

    private NameNode ParseName()
    {
        var token = _token;
        if (token.Kind != TokenKind.Name) throw Unexpected($"Expected Name, found {token.Describe()}.");
        Advance();
        return new NameNode(token.Value!) { Location = LocFrom(token) };
    }

    // ---- document ----

    private DocumentNode ParseDocument()
    {
        var start = _token;
        var definitions = new List<DefinitionNode>();
        if (Peek(TokenKind.EndOfFile)) throw Unexpected("Unexpected <EOF>.");
        while (!Peek(TokenKind.EndOfFile)) definitions.Add(ParseDefinition());
        return new DocumentNode { Definitions = definitions, Location = LocFrom(start) };
    }

    private DefinitionNode ParseDefinition()
    {
        if (Peek(TokenKind.BraceLeft)) return ParseOperationDefinition();
        var hasDescription = Peek(TokenKind.String) || Peek(TokenKind.BlockString);
        if (hasDescription)
        {
            // Descriptions only precede type system definitions.
            return ParseTypeSystemDefinition();
        }

        if (_token.Kind == TokenKind.Name)
        {
            switch (_token.Value)
            {
                case "query" or "mutation" or "subscription": return ParseOperationDefinition();
                case "fragment": return ParseFragmentDefinition();
                case "schema" or "scalar" or "type" or "interface" or "union" or "enum" or "input" or "directive":
                    return ParseTypeSystemDefinition();
                case "extend": return ParseTypeSystemExtension();
            }
        }

        throw Unexpected();
    }

    private OperationDefinitionNode ParseOperationDefinition()
    {
        var start = _token;
        if (Peek(TokenKind.BraceLeft))
        {
            var selectionSet = ParseSelectionSet();
            return new OperationDefinitionNode { Operation = OperationType.Query, SelectionSet = selectionSet, Location = LocFrom(start) };
        }

        var operation = ParseOperationType();
        NameNode? name = Peek(TokenKind.Name) ? ParseName() : null;
        var variables = OptionalMany(TokenKind.ParenLeft, ParseVariableDefinition, TokenKind.ParenRight);
        var directives = ParseDirectives(isConst: false);
        var set = ParseSelectionSet();
        return new OperationDefinitionNode
        {
            Operation = operation, Name = name, VariableDefinitions = variables, Directives = directives,
            SelectionSet = set, Location = LocFrom(start),
        };
    }

    private OperationType ParseOperationType()
    {
        var token = _token;
        if (token.Kind == TokenKind.Name)
        {
            switch (token.Value)
            {
                case "query": Advance(); return OperationType.Query;
                case "mutation": Advance(); return OperationType.Mutation;
                case "subscription": Advance(); return OperationType.Subscription;
            }
        }

        throw Unexpected();
    }

    private VariableDefinitionNode ParseVariableDefinition()
    {
        var start = _token;
        var variable = ParseVariable();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = Skip(TokenKind.Equals) ? ParseValueLiteral(isConst: true) : null;
        var directives = ParseDirectives(isConst: true);
        return new VariableDefinitionNode
        {
            Variable = variable, Type = type, DefaultValue = defaultValue, Directives = directives, Location = LocFrom(start),
        };
    }

    private VariableNode ParseVariable()
    {
        var start = _token;
        Expect(TokenKind.Dollar);
        var name = ParseName();
        return new VariableNode { Name = name, Location = LocFrom(start) };
    }

    private SelectionSetNode ParseSelectionSet()
    {
        Enter();
        var start = _token;
        var selections = Many(TokenKind.BraceLeft, ParseSelection, TokenKind.BraceRight);
        Leave();
        return new SelectionSetNode { Selections = selections, Location = LocFrom(start) };
    }

    private SelectionNode ParseSelection() => Peek(TokenKind.Spread) ? ParseFragment() : ParseField();

    private FieldNode ParseField()
    {
        var start = _token;
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        NameNode name;
        if (Skip(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
        }
        else
        {
            name = nameOrAlias;
        }

        var arguments = ParseArguments(isConst: false);
        var directives = ParseDirectives(isConst: false);
        var selectionSet = Peek(TokenKind.BraceLeft) ? ParseSelectionSet() : null;
        return new FieldNode
        {
            Alias = alias, Name = name, Arguments = arguments, Directives = directives, SelectionSet = selectionSet,
            Location = LocFrom(start),
        };
    }

    private IReadOnlyList<ArgumentNode> ParseArguments(bool isConst) =>
        OptionalMany(TokenKind.ParenLeft, () => ParseArgument(isConst), TokenKind.ParenRight);

    private ArgumentNode ParseArgument(bool isConst)
    {
        var start = _token;
        var name = ParseName();
        Expect(TokenKind.Colon);
        var value = ParseValueLiteral(isConst);
        return new ArgumentNode { Name = name, Value = value, Location = LocFrom(start) };
    }

    private SelectionNode ParseFragment()
    {
        var start = _token;
        Expect(TokenKind.Spread);
        var hasTypeCondition = SkipKeyword("on");
        if (!hasTypeCondition && Peek(TokenKind.Name))
        {
            var name = ParseName();
            var spreadDirectives = ParseDirectives(isConst: false);
            return new FragmentSpreadNode { Name = name, Directives = spreadDirectives, Location = LocFrom(start) };
        }

        var typeCondition = hasTypeCondition ? ParseNamedType() : null;
        var directives = ParseDirectives(isConst: false);
        var set = ParseSelectionSet();
        return new InlineFragmentNode { TypeCondition = typeCondition, Directives = directives, SelectionSet = set, Location = LocFrom(start) };
    }

    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        var start = _token;
        ExpectKeyword("fragment");
        if (PeekName("on")) throw Unexpected("Unexpected Name \"on\".");
        var name = ParseName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        var directives = ParseDirectives(isConst: false);
        var set = ParseSelectionSet();
        return new FragmentDefinitionNode
        {
            Name = name, TypeCondition = typeCondition, Directives = directives, SelectionSet = set, Location = LocFrom(start),
        };
    }

    // ---- values ----

    private ValueNode ParseValueLiteral(bool isConst)
    {
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.BracketLeft:
            {
                Enter();
                Advance();
                var values = new List<ValueNode>();
                while (!Skip(TokenKind.BracketRight)) values.Add(ParseValueLiteral(isConst));
                Leave();
                return new ListValueNode { Values = values, Location = LocFrom(token) };
            }
            case TokenKind.BraceLeft:
            {
                Enter();
                Advance();
                var fields = new List<ObjectFieldNode>();
                while (!Skip(TokenKind.BraceRight))
                {
                    var fieldStart = _token;
                    var name = ParseName();
                    Expect(TokenKind.Colon);
                    var value = ParseValueLiteral(isConst);
                    fields.Add(new ObjectFieldNode { Name = name, Value = value, Location = LocFrom(fieldStart) });
                }

                Leave();
                return new ObjectValueNode { Fields = fields, Location = LocFrom(token) };
            }
            case TokenKind.Int:
                Advance();
                return new IntValueNode { Value = token.Value!, Location = LocFrom(token) };
            case TokenKind.Float:
                Advance();
                return new FloatValueNode { Value = token.Value!, Location = LocFrom(token) };
            case TokenKind.String or TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
                Advance();
                return token.Value switch
                {
                    "true" => new BooleanValueNode { Value = true, Location = LocFrom(token) },
                    "false" => new BooleanValueNode { Value = false, Location = LocFrom(token) },
                    "null" => new NullValueNode { Location = LocFrom(token) },
                    _ => new EnumValueNode { Value = token.Value!, Location = LocFrom(token) },
                };
            case TokenKind.Dollar:
                if (isConst)
                {
                    Advance();
                    var name = _token.Kind == TokenKind.Name ? _token.Value : "";
                    throw new GraphQLSyntaxException($"Unexpected variable \"${name}\" in constant value.", new SourceLocation(token.Line, token.Column));
                }

                return ParseVariable();
        }

        throw Unexpected();
    }

    private StringValueNode ParseStringLiteral()
    {
        var token = Advance();
        return new StringValueNode { Value = token.Value!, Block = token.Kind == TokenKind.BlockString, Location = LocFrom(token) };
    }

    private IReadOnlyList<DirectiveNode> ParseDirectives(bool isConst)
    {
        if (!Peek(TokenKind.At)) return [];
        var list = new List<DirectiveNode>();
        while (Peek(TokenKind.At))
        {
            var start = _token;
            Advance();
            var name = ParseName();
            var arguments = ParseArguments(isConst);
            list.Add(new DirectiveNode { Name = name, Arguments = arguments, Location = LocFrom(start) });
        }

        return list;
    }

    // ---- types ----

    private TypeNode ParseTypeReference()
    {
        var start = _token;
        TypeNode type;
        if (Skip(TokenKind.BracketLeft))
        {
            Enter();
            var inner = ParseTypeReference();
            Expect(TokenKind.BracketRight);
            Leave();
            type = new ListTypeNode { Type = inner, Location = LocFrom(start) };
        }
        else
        {
            type = ParseNamedType();
        }

        return Skip(TokenKind.Bang) ? new NonNullTypeNode { Type = type, Location = LocFrom(start) } : type;
    }

    private NamedTypeNode ParseNamedType()
    {
        var start = _token;
        var name = ParseName();
        return new NamedTypeNode { Name = name, Location = LocFrom(start) };
    }

    // ---- type system ----

    private StringValueNode? ParseDescription() =>
        Peek(TokenKind.String) || Peek(TokenKind.BlockString) ? ParseStringLiteral() : null;

    private DefinitionNode ParseTypeSystemDefinition()
    {
        var start = _token;
        var description = ParseDescription();
        if (_token.Kind != TokenKind.Name) throw Unexpected();
        switch (_token.Value)
        {
            case "schema":
            {
                Advance();
                var directives = ParseDirectives(isConst: true);
                var operationTypes = Many(TokenKind.BraceLeft, ParseOperationTypeDefinition, TokenKind.BraceRight);
                return new SchemaDefinitionNode { Description = description, Directives = directives, OperationTypes = operationTypes, Location = LocFrom(start) };
            }
            case "scalar":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(isConst: true);
                return new ScalarTypeDefinitionNode { Description = description, Name = name, Directives = directives, Location = LocFrom(start) };
            }
            case "type":
            {
                Advance();
                var name = ParseName();
                var interfaces = ParseImplementsInterfaces();
                var directives = ParseDirectives(isConst: true);
                var fields = ParseFieldsDefinition();
                return new ObjectTypeDefinitionNode { Description = description, Name = name, Interfaces = interfaces, Directives = directives, Fields = fields, Location = LocFrom(start) };
            }
            case "interface":
            {
                Advance();
                var name = ParseName();
                var interfaces = ParseImplementsInterfaces();
                var directives = ParseDirectives(isConst: true);
                var fields = ParseFieldsDefinition();
                return new InterfaceTypeDefinitionNode { Description = description, Name = name, Interfaces = interfaces, Directives = directives, Fields = fields, Location = LocFrom(start) };
            }
            case "union":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(isConst: true);
                var types = ParseUnionMembers();
                return new UnionTypeDefinitionNode { Description = description, Name = name, Directives = directives, Types = types, Location = LocFrom(start) };
            }
            case "enum":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(isConst: true);
                var values = OptionalMany(TokenKind.BraceLeft, ParseEnumValueDefinition, TokenKind.BraceRight);
                return new EnumTypeDefinitionNode { Description = description, Name = name, Directives = directives, Values = values, Location = LocFrom(start) };
            }
            case "input":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(isConst: true);
                var fields = OptionalMany(TokenKind.BraceLeft, ParseInputValueDefinition, TokenKind.BraceRight);
                return new InputObjectTypeDefinitionNode { Description = description, Name = name, Directives = directives, Fields = fields, Location = LocFrom(start) };
            }
            case "directive":
                return ParseDirectiveDefinition(start, description);
        }

        throw Unexpected();
    }

    private DefinitionNode ParseTypeSystemExtension()
    {
        var start = _token;
        ExpectKeyword("extend");
        if (_token.Kind != TokenKind.Name) throw Unexpected();
        var keyword = _token.Value;
        switch (keyword)
        {
            case "schema":
            {
                Advance();
                var directives = ParseDirectives(isConst: true);
                var operationTypes = OptionalMany(TokenKind.BraceLeft, ParseOperationTypeDefinition, TokenKind.BraceRight);
                if (directives.Count == 0 && operationTypes.Count == 0) throw Unexpected();
                return new SchemaExtensionNode { Directives = directives, OperationTypes = operationTypes, Location = LocFrom(start) };
            }
            case "scalar":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(isConst: true);
                if (directives.Count == 0) throw Unexpected();
                return new ScalarTypeDefinitionNode { Extension = true, Name = name, Directives = directives, Location = LocFrom(start) };
            }
            case "type" or "interface":
            {
                Advance();
                var name = ParseName();
                var interfaces = ParseImplementsInterfaces();
                var directives = ParseDirectives(isConst: true);
                var fields = ParseFieldsDefinition();
                if (interfaces.Count == 0 && directives.Count == 0 && fields.Count == 0) throw Unexpected();
                return keyword == "type"
                    ? new ObjectTypeDefinitionNode { Extension = true, Name = name, Interfaces = interfaces, Directives = directives, Fields = fields, Location = LocFrom(start) }
                    : new InterfaceTypeDefinitionNode { Extension = true, Name = name, Interfaces = interfaces, Directives = directives, Fields = fields, Location = LocFrom(start) };
            }
            case "union":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(isConst: true);
                var types = ParseUnionMembers();
                if (directives.Count == 0 && types.Count == 0) throw Unexpected();
                return new UnionTypeDefinitionNode { Extension = true, Name = name, Directives = directives, Types = types, Location = LocFrom(start) };
            }
            case "enum":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(isConst: true);
                var values = OptionalMany(TokenKind.BraceLeft, ParseEnumValueDefinition, TokenKind.BraceRight);
                if (directives.Count == 0 && values.Count == 0) throw Unexpected();
                return new EnumTypeDefinitionNode { Extension = true, Name = name, Directives = directives, Values = values, Location = LocFrom(start) };
            }
            case "input":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(isConst: true);
                var fields = OptionalMany(TokenKind.BraceLeft, ParseInputValueDefinition, TokenKind.BraceRight);
                if (directives.Count == 0 && fields.Count == 0) throw Unexpected();
                return new InputObjectTypeDefinitionNode { Extension = true, Name = name, Directives = directives, Fields = fields, Location = LocFrom(start) };
            }
        }

        throw Unexpected();
    }

    private OperationTypeDefinitionNode ParseOperationTypeDefinition()
    {
        var start = _token;
        var operation = ParseOperationType();
        Expect(TokenKind.Colon);
        var type = ParseNamedType();
        return new OperationTypeDefinitionNode { Operation = operation, Type = type, Location = LocFrom(start) };
    }

    private IReadOnlyList<NamedTypeNode> ParseImplementsInterfaces()
    {
        if (!SkipKeyword("implements")) return [];
        Skip(TokenKind.Ampersand);
        var list = new List<NamedTypeNode>();
        do list.Add(ParseNamedType()); while (Skip(TokenKind.Ampersand));
        return list;
    }

    private IReadOnlyList<NamedTypeNode> ParseUnionMembers()
    {
        if (!Skip(TokenKind.Equals)) return [];
        Skip(TokenKind.Pipe);
        var list = new List<NamedTypeNode>();
        do list.Add(ParseNamedType()); while (Skip(TokenKind.Pipe));
        return list;
    }

    private IReadOnlyList<FieldDefinitionNode> ParseFieldsDefinition() =>
        OptionalMany(TokenKind.BraceLeft, ParseFieldDefinition, TokenKind.BraceRight);

    private FieldDefinitionNode ParseFieldDefinition()
    {
        var start = _token;
        var description = ParseDescription();
        var name = ParseName();
        var arguments = OptionalMany(TokenKind.ParenLeft, ParseInputValueDefinition, TokenKind.ParenRight);
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        var directives = ParseDirectives(isConst: true);
        return new FieldDefinitionNode { Description = description, Name = name, Arguments = arguments, Type = type, Directives = directives, Location = LocFrom(start) };
    }

    private InputValueDefinitionNode ParseInputValueDefinition()
    {
        var start = _token;
        var description = ParseDescription();
        var name = ParseName();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = Skip(TokenKind.Equals) ? ParseValueLiteral(isConst: true) : null;
        var directives = ParseDirectives(isConst: true);
        return new InputValueDefinitionNode { Description = description, Name = name, Type = type, DefaultValue = defaultValue, Directives = directives, Location = LocFrom(start) };
    }

    private EnumValueDefinitionNode ParseEnumValueDefinition()
    {
        var start = _token;
        var description = ParseDescription();
        if (_token.Kind == TokenKind.Name && _token.Value is "true" or "false" or "null")
            throw Unexpected($"{_token.Describe()} is reserved and cannot be used for an enum value.");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        return new EnumValueDefinitionNode { Description = description, Name = name, Directives = directives, Location = LocFrom(start) };
    }

    private DirectiveDefinitionNode ParseDirectiveDefinition(Token start, StringValueNode? description)
    {
        ExpectKeyword("directive");
        Expect(TokenKind.At);
        var name = ParseName();
        var arguments = OptionalMany(TokenKind.ParenLeft, ParseInputValueDefinition, TokenKind.ParenRight);
        var repeatable = SkipKeyword("repeatable");
        ExpectKeyword("on");
        Skip(TokenKind.Pipe);
        var locations = new List<NameNode>();
        do
        {
            var location = ParseName();
            if (!Enum.TryParse<Types.DirectiveLocation>(location.Value, ignoreCase: false, out _))
                throw new GraphQLSyntaxException($"Unexpected Name \"{location.Value}\".", location.Location.ToSourceLocation());
            locations.Add(location);
        }
        while (Skip(TokenKind.Pipe));

        return new DirectiveDefinitionNode { Description = description, Name = name, Arguments = arguments, Repeatable = repeatable, Locations = locations, Location = LocFrom(start) };
    }
}
