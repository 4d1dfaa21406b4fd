namespace Marketplace.Storage.Bench;

/// <summary>The small payload every write carries, in both the provider run and the raw run.</summary>
[GenerateSerializer]
public sealed class BenchState
{
    [Id(0)] public string Title { get; set; } = "Oak chair, light wear";
    [Id(1)] public decimal Price { get; set; } = 49.90m;
    [Id(2)] public List<string> Tags { get; set; } = ["furniture", "oak"];
    [Id(3)] public int Revision { get; set; }
}
