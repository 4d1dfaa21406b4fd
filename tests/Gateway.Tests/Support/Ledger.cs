using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Gateway.Tests.Support;

public static class Ledger
{
    public static decimal Sum(JsonNode order, string kind) =>
        order["ledger"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == kind)
            .Sum(e => decimal.Parse(e!["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture));

    /// <summary>At a terminal status HOLD = RELEASE + FEE + REFUND.</summary>
    public static void AssertBalanced(JsonNode order) =>
        Assert.Equal(Sum(order, "HOLD"), Sum(order, "RELEASE") + Sum(order, "FEE") + Sum(order, "REFUND"));

    public static decimal Money(JsonNode? node) => decimal.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    public static string Status(JsonNode order) => order["status"]!.GetValue<string>();

    public static string[] History(JsonNode order) => order["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).ToArray();
}
