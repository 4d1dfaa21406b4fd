using Marketplace.Gateway.Schema;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;
using GqlSchema = Marketplace.GraphQL.Types.Schema;

namespace Marketplace.Gateway.Tests.Schema;

/// <summary>
/// The served schema contains the shared contract (../shared/contract/schema.graphql): every type,
/// field, argument, input field and enum value with the same type references. Drift fails CI.
/// </summary>
public sealed class ContractContainmentTests
{
    private static string SharedContractPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "contract", "schema.graphql"));
                Assert.True(File.Exists(path), $"The shared contract is missing at {path}; the containment check cannot run.");
                return path;
            }
        }
        Assert.Fail("Marketplace.sln not found above the test binaries; cannot locate ../shared/contract/schema.graphql.");
        return "";
    }

    [Fact]
    public void Served_schema_contains_every_type_field_argument_and_enum_value_of_the_contract()
    {
        var contract = new SchemaBuilder().AddTypeDefinitions(File.ReadAllText(SharedContractPath())).Build();
        var served = MarketplaceSchema.Build();
        var problems = Differences(contract, served).ToList();
        var unexpected = problems.Except(ContractPending.All).ToList();
        Assert.True(unexpected.Count == 0, "Schema drift from the contract:\n" + string.Join("\n", unexpected));
        // A pending part that is now served must leave the list, so the list always says what is missing.
        var nowServed = ContractPending.All.Except(problems).ToList();
        Assert.True(nowServed.Count == 0, "Served now, remove from ContractPending:\n" + string.Join("\n", nowServed));
    }

    [Fact]
    public void The_check_notices_a_changed_nullability_and_a_missing_enum_value()
    {
        var sdl = MarketplaceSchema.ContractSdl();
        var drifted = new SchemaBuilder().AddTypeDefinitions(sdl
            .Replace("title: String!", "title: String")
            .Replace("enum Severity { INFO WARNING CRITICAL }", "enum Severity { INFO WARNING }")).Build();
        var contract = new SchemaBuilder().AddTypeDefinitions(sdl).Build();
        var problems = Differences(contract, drifted).ToList();
        Assert.Contains(problems, p => p.Contains("Item.title"));
        Assert.Contains(problems, p => p.Contains("Severity.CRITICAL"));
    }

    [Fact]
    public void Every_contract_field_of_a_root_type_has_a_resolver_or_subscriber()
    {
        var served = MarketplaceSchema.Build();
        foreach (var root in new[] { served.QueryType, served.MutationType!, served.SubscriptionType! })
            foreach (var field in root.Fields.Where(f => !f.Name.StartsWith("__", StringComparison.Ordinal)))
                Assert.True(field.Resolver is not null, $"{root.Name}.{field.Name} has no resolver");
    }

    private static IEnumerable<string> Differences(GqlSchema contract, GqlSchema served)
    {
        var servedTypes = served.TypeList.ToDictionary(t => t.Name);
        foreach (var type in contract.TypeList.Where(t => !t.IsIntrospectionType))
        {
            if (!servedTypes.TryGetValue(type.Name, out var other)) { yield return $"type {type.Name} missing"; continue; }
            if (other.Kind != type.Kind) { yield return $"type {type.Name} is {other.Kind}, contract says {type.Kind}"; continue; }
            switch (type)
            {
                case ComplexType complex:
                    var otherFields = ((ComplexType)other).Fields.ToDictionary(f => f.Name);
                    foreach (var field in complex.Fields)
                    {
                        if (!otherFields.TryGetValue(field.Name, out var servedField)) { yield return $"{type.Name}.{field.Name} missing"; continue; }
                        if (!TypeComparisons.AreEqual(field.Type, servedField.Type)) yield return $"{type.Name}.{field.Name}: {servedField.Type} vs contract {field.Type}";
                        foreach (var problem in CompareInputs($"{type.Name}.{field.Name}", field.Arguments, servedField.Arguments)) yield return problem;
                    }
                    break;
                case EnumType enumType:
                    var values = ((EnumType)other).Values.Select(v => v.Name).ToHashSet();
                    foreach (var value in enumType.Values.Where(v => !values.Contains(v.Name))) yield return $"{type.Name}.{value.Name} missing";
                    break;
                case InputObjectType input:
                    foreach (var problem in CompareInputs(type.Name, input.Fields, ((InputObjectType)other).Fields)) yield return problem;
                    break;
                case UnionType union:
                    var members = ((UnionType)other).Types.Select(t => t.Name).ToHashSet();
                    foreach (var member in union.Types.Where(t => !members.Contains(t.Name))) yield return $"union {type.Name} lacks {member.Name}";
                    break;
            }
        }
    }

    private static IEnumerable<string> CompareInputs(string owner, IReadOnlyList<InputValueDefinition> contract, IReadOnlyList<InputValueDefinition> served)
    {
        var byName = served.ToDictionary(a => a.Name);
        foreach (var input in contract)
        {
            if (!byName.TryGetValue(input.Name, out var other)) { yield return $"{owner}({input.Name}) missing"; continue; }
            if (!TypeComparisons.AreEqual(input.Type, other.Type)) yield return $"{owner}({input.Name}): {other.Type} vs contract {input.Type}";
            var contractDefault = input.DefaultValueLiteral is null ? null : Marketplace.GraphQL.Language.AstPrinter.Print(input.DefaultValueLiteral);
            var servedDefault = other.DefaultValueLiteral is null ? null : Marketplace.GraphQL.Language.AstPrinter.Print(other.DefaultValueLiteral);
            if (contractDefault != servedDefault) yield return $"{owner}({input.Name}) default {servedDefault} vs contract {contractDefault}";
        }
        foreach (var extra in served.Where(s => s.Type is NonNullType && !s.HasDefaultValue && contract.All(c => c.Name != s.Name)))
            yield return $"{owner}({extra.Name}) is a new required input";
    }
}
