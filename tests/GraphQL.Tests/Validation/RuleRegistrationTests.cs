using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Transport;
using Marketplace.GraphQL.Types;
using Marketplace.GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.GraphQL.Tests.Validation;

/// <summary>A rule offered twice (registered as a service and built in, or listed twice) runs once.</summary>
public sealed class RuleRegistrationTests
{
    private static readonly Schema Library = TestSchemas.Library().Build();

    private static async Task<IReadOnlyList<GraphQLError>> ErrorsAsync(IDocumentExecutor executor, string query)
    {
        var result = await executor.ExecuteAsync(new ExecutionRequest { Query = query });
        return result.Errors ?? [];
    }

    private static IDocumentExecutor ServerExecutor(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        services.AddGraphQLServer(Library);
        return services.BuildServiceProvider().GetRequiredService<IDocumentExecutor>();
    }

    [Fact]
    public async Task Server_with_the_specified_rules_also_registered_as_services_reports_each_error_once()
    {
        var executor = ServerExecutor(services =>
        {
            foreach (var rule in SpecifiedRules.All) services.AddSingleton<IValidationRule>(rule);
        });

        var errors = await ErrorsAsync(executor, "{ nope books { nope2 } }");

        Assert.Equal(2, errors.Count);
        Assert.Single(errors, e => e.Message.Contains("\"nope\"", StringComparison.Ordinal));
        Assert.Single(errors, e => e.Message.Contains("\"nope2\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_with_new_instances_of_the_specified_rule_types_registered_reports_each_error_once()
    {
        var executor = ServerExecutor(services =>
        {
            foreach (var rule in SpecifiedRules.All) services.AddSingleton(typeof(IValidationRule), rule.GetType());
        });

        Assert.Single(await ErrorsAsync(executor, "{ nope }"));
    }

    [Fact]
    public async Task Executor_given_the_same_rules_twice_runs_each_once()
    {
        var counting = new CountingRule();
        var executor = new DocumentExecutor(Library, validationRules: [.. SpecifiedRules.All, counting, .. SpecifiedRules.All, counting]);

        Assert.Single(await ErrorsAsync(executor, "{ nope }"));
        Assert.Equal(1, counting.Visitors);
    }

    [Fact]
    public async Task A_stateless_extra_rule_registered_twice_runs_once()
    {
        var executor = ServerExecutor(services =>
        {
            services.AddSingleton<IValidationRule, NoEchoRule>();
            services.AddSingleton<IValidationRule, NoEchoRule>();
        });

        var errors = await ErrorsAsync(executor, "{ echo(value: \"x\") }");

        Assert.Equal(["echo is not allowed here."], errors.Select(e => e.Message));
    }

    [Fact]
    public async Task Rules_of_one_type_with_different_settings_all_run_and_equal_settings_run_once()
    {
        var executor = new DocumentExecutor(Library, validationRules:
        [
            .. SpecifiedRules.All, new ForbiddenFieldRule("echo"), new ForbiddenFieldRule("boom"), new ForbiddenFieldRule("echo"),
        ]);

        var errors = await ErrorsAsync(executor, "{ echo(value: \"x\") boom }");

        Assert.Equal(["echo is forbidden.", "boom is forbidden."], errors.Select(e => e.Message));
    }

    [Fact]
    public void Distinct_keeps_the_first_seen_order()
    {
        var first = new ForbiddenFieldRule("a");
        var second = new ForbiddenFieldRule("b");

        Assert.Equal([first, second, SpecifiedRules.All[0]], ValidationRuleSet.Distinct([first, second, first, SpecifiedRules.All[0], second, SpecifiedRules.All[0]]));
    }

    private sealed class CountingRule : IValidationRule
    {
        private int _visitors;
        public int Visitors => _visitors;

        public DocumentVisitor CreateVisitor(ValidationContext context)
        {
            Interlocked.Increment(ref _visitors);
            return new NoOpVisitor();
        }
    }

    private sealed class NoOpVisitor : DocumentVisitor;

    private sealed class NoEchoRule : IValidationRule
    {
        public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context, "echo", "echo is not allowed here.");
    }

    private sealed record ForbiddenFieldRule(string Field) : IValidationRule
    {
        public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context, Field, $"{Field} is forbidden.");
    }

    private sealed class Visitor(ValidationContext context, string field, string message) : DocumentVisitor
    {
        public override void EnterField(FieldNode node)
        {
            if (node.Name.Value == field) context.ReportError(message, node);
        }
    }
}
