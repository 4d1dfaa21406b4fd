using System.Globalization;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Tests.Validation;

/// <summary>The spec's section 5 example schema (Dog, Cat, Pet ...) plus what the rule examples need.</summary>
internal static class ValidationTestSchema
{
    private const string Sdl = """
        type Query {
          dog: Dog
          findDog(searchBy: FindDogInput): Dog
          findPet(pet: PetInput): Pet
          findPets(pets: [PetInput!]): [Pet]
          arguments: Arguments
          catOrDog: CatOrDog
          dogOrHuman: DogOrHuman
          humanOrAlien: HumanOrAlien
          pet: Pet
          sentient: Sentient
          human: Human
          booleanList(booleanListArg: [Boolean!]): Boolean
          priceOf(price: Price!): String
          complicated(input: ComplexInput): String
        }

        type Mutation {
          addPet(pet: PetInput!): Pet
          addPets(pets: [PetInput!]!): [Pet]
        }

        type Subscription {
          newMessage: Message
          disallowedSecondRootField: Boolean
        }

        type Message {
          body: String
          sender: String
        }

        enum DogCommand { SIT, DOWN, HEEL }

        type Dog implements Pet {
          name: String!
          nickname: String
          barkVolume: Int
          doesKnowCommand(dogCommand: DogCommand!): Boolean!
          isHouseTrained(atOtherHomes: Boolean): Boolean!
          owner: Human
        }

        interface Sentient {
          name: String!
        }

        interface Pet {
          name: String!
        }

        type Alien implements Sentient {
          name: String!
          homePlanet: String
        }

        type Human implements Sentient {
          name: String!
          pets: [Pet!]
        }

        enum CatCommand { JUMP }

        type Cat implements Pet {
          name: String!
          nickname: String
          doesKnowCommand(catCommand: CatCommand!): Boolean!
          meowVolume: Int
        }

        union CatOrDog = Cat | Dog
        union DogOrHuman = Dog | Human
        union HumanOrAlien = Human | Alien

        input FindDogInput {
          name: String
          owner: String
        }

        input CatInput {
          name: String!
          nickname: String
          meowVolume: Int
        }

        input DogInput {
          name: String!
          nickname: String
          barkVolume: Int
        }

        input PetInput @oneOf {
          cat: CatInput
          dog: DogInput
        }

        input ComplexInput {
          name: String
          owner: String
          required: Int!
          withDefault: Int! = 3
          list: [Int!]
        }

        type Arguments {
          multipleRequirements(x: Int!, y: Int!): Int!
          booleanArgField(booleanArg: Boolean): Boolean
          floatArgField(floatArg: Float): Float
          intArgField(intArg: Int): Int
          nonNullBooleanArgField(nonNullBooleanArg: Boolean!): Boolean!
          booleanListArgField(booleanListArg: [Boolean]!): [Boolean]
          optionalNonNullBooleanArgField(optionalBooleanArg: Boolean! = false): Boolean!
          nonNullListOfBooleans(list: [Boolean!]!): Boolean
        }

        "Money: a non-negative decimal written as a string or a number."
        scalar Price

        directive @tag(name: String!) repeatable on FIELD | FRAGMENT_SPREAD
        directive @onQuery on QUERY
        directive @onVariable on VARIABLE_DEFINITION
        """;

    public static Schema Schema { get; } = Build();

    private static Schema Build() => new SchemaBuilder()
        .AddTypeDefinitions(Sdl)
        .Scalar("Price", s => s
            .Serialize(v => v)
            .ParseValue(v => v)
            .ParseLiteral(ParsePrice))
        .Build();

    private static object? ParsePrice(ValueNode node)
    {
        var text = node switch { StringValueNode s => s.Value, IntValueNode i => i.Value, FloatValueNode f => f.Value, _ => null }
            ?? throw new FormatException("Price must be a string or a number.");
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var price))
            throw new FormatException($"\"{text}\" is not a decimal amount.");
        if (price < 0) throw new FormatException("Price cannot be negative.");
        return price;
    }
}
