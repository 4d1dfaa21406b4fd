using Marketplace.Grains.Interfaces;

namespace Marketplace.Gateway.Demo;

/// <summary>A category of the demo market: the catalog entry plus what the generator needs (NEW price, popularity, titles).</summary>
public sealed record DemoCategory(
    string Id, string Name, string? ParentId, bool HighValue, decimal[] Bounds, decimal NewPrice = 0, int Weight = 0, string[]? Titles = null)
{
    public bool IsLeaf => Weight > 0;
}

public sealed record DemoRegion(string Id, string Name);

/// <summary>The fixed catalog of the demo market: a category tree of five roots and eight regions.</summary>
public static class DemoMarketCatalog
{
    public static IReadOnlyList<DemoCategory> Categories { get; } =
    [
        new("electronics", "Electronics", null, false, [100, 500, 1000, 3000]),
        new("fashion", "Fashion", null, false, [50, 200, 1000]),
        new("media", "Media", null, false, [10, 30, 100]),
        new("home", "Home", null, false, [100, 500, 2000]),
        new("sports", "Sports", null, false, [100, 500, 2000]),
        new("phones", "Phones", "electronics", true, [200, 800, 2000, 5000], 4999m, 14,
            ["iPhone 15 Pro 256GB", "iPhone 14 128GB", "Pixel 8", "Galaxy S23", "Xiaomi 14", "Huawei Mate 60", "OnePlus 12", "iPhone 13 mini"]),
        new("laptops", "Laptops", "electronics", true, [500, 1500, 3000, 8000], 8999m, 8,
            ["MacBook Air M2", "MacBook Pro 14 M3", "ThinkPad X1 Carbon", "Dell XPS 13", "Surface Laptop 5", "ROG Zephyrus G14"]),
        new("cameras", "Cameras", "electronics", true, [300, 1000, 3000], 6499m, 5,
            ["Sony A7 III body", "Fujifilm X-T4", "Canon EOS R6", "Ricoh GR III", "Nikon Z6 II", "DJI Osmo Pocket 3"]),
        new("tablets", "Tablets", "electronics", true, [300, 1000, 3000], 3999m, 5,
            ["iPad Air 5", "iPad Pro 11", "Galaxy Tab S9", "Kindle Paperwhite", "Xiaomi Pad 6"]),
        new("audio", "Audio", "electronics", false, [100, 500, 1500], 1499m, 6,
            ["AirPods Pro 2", "Sony WH-1000XM5", "Bose QC45", "Marshall Stanmore II", "Sennheiser HD 600"]),
        new("consoles", "Consoles", "electronics", false, [300, 1000, 3000], 3299m, 4,
            ["PlayStation 5", "Nintendo Switch OLED", "Xbox Series X", "Steam Deck 512GB"]),
        new("bags", "Bags", "fashion", true, [100, 500, 2000, 10000], 7999m, 6,
            ["Louis Vuitton Neverfull MM", "Coach Tabby 26", "Longchamp Le Pliage", "Gucci Marmont mini", "Prada Re-Edition"]),
        new("watches", "Watches", "fashion", true, [500, 2000, 10000, 50000], 12999m, 3,
            ["Omega Seamaster 300M", "Tudor Black Bay 58", "Seiko Presage", "Apple Watch Ultra 2", "Longines HydroConquest"]),
        new("sneakers", "Sneakers", "fashion", false, [50, 200, 1000], 1099m, 8,
            ["Nike Dunk Low Panda", "Adidas Samba OG", "New Balance 550", "Air Jordan 1 Mid", "Asics Gel-Kayano 14"]),
        new("jackets", "Jackets", "fashion", false, [50, 200, 1000], 899m, 6,
            ["Patagonia Nano Puff", "Uniqlo Ultra Light Down", "The North Face Nuptse", "Arc'teryx Atom LT", "Levi's trucker jacket"]),
        new("books", "Books", "media", false, [5, 15, 40], 49m, 10,
            ["Three-Body Problem trilogy", "Designing Data-Intensive Applications", "To Live (Yu Hua)", "The Little Prince", "SICP 2nd edition", "Dune"]),
        new("vinyl", "Vinyl", "media", false, [10, 30, 100], 199m, 4,
            ["Faye Wong - Fable", "Pink Floyd - The Wall", "Teresa Teng - Best of", "Daft Punk - Discovery"]),
        new("games", "Games", "media", false, [10, 30, 100], 299m, 5,
            ["Zelda: Tears of the Kingdom", "Elden Ring", "Black Myth: Wukong", "Mario Kart 8 Deluxe", "FIFA 24"]),
        new("furniture", "Furniture", "home", false, [100, 500, 2000], 1599m, 5,
            ["IKEA Poang armchair", "Muji oak desk", "Herman Miller Sayl chair", "Solid walnut bookshelf"]),
        new("appliances", "Appliances", "home", false, [100, 500, 2000], 2199m, 5,
            ["Dyson V12 vacuum", "Xiaomi air purifier 4", "Nespresso Vertuo", "Midea dishwasher", "Philips air fryer"]),
        new("bikes", "Bikes", "sports", false, [100, 500, 2000], 3299m, 3,
            ["Brompton C Line", "Giant Escape 2", "Decathlon Triban RC520", "Trek Marlin 5"]),
        new("outdoor", "Outdoor", "sports", false, [100, 500, 2000], 899m, 3,
            ["Naturehike tent 2P", "Osprey Atmos 65", "Black Diamond trekking poles", "Garmin inReach Mini"]),
    ];

    public static IReadOnlyList<DemoRegion> Regions { get; } =
    [
        new("shanghai", "Shanghai"), new("beijing", "Beijing"), new("shenzhen", "Shenzhen"), new("chengdu", "Chengdu"),
        new("hangzhou", "Hangzhou"), new("guangzhou", "Guangzhou"), new("wuhan", "Wuhan"), new("xian", "Xi'an"),
    ];


    public static string GradeWords(Grade grade) => grade switch
    {
        Grade.NEW => "new, sealed",
        Grade.LIKE_NEW => "like new, no visible wear",
        Grade.EXCELLENT => "excellent, wear not visible at arm's length",
        Grade.GOOD => "good, light visible wear",
        Grade.FAIR => "fair, visible wear, fully working",
        _ => "for parts, not fully working",
    };
}
