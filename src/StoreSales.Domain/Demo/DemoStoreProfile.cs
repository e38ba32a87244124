using System.Globalization;
using System.Text.Json;
using StoreSales.Domain.Pacing;

namespace StoreSales.Domain.Demo;

/// <summary>
/// What the demo needs to know of a store to sell like it: opening hours, zone, monthly target, and the pace at which
/// it runs against that target (1 = on target, 0.8 = 20 % behind). Read from <c>deploy/local/demo-chain.json</c> by the
/// server (history) and by the till simulator alike, so both sell the same store the same way.
/// </summary>
public sealed record DemoStoreProfile(string StoreId, TimeZoneInfo TimeZone, OpeningHours Hours, decimal MonthlyTarget, decimal Pace)
{
    /// <summary>The pace of a store whose chain entry names none: on target.</summary>
    public const decimal DefaultPace = 1m;

    public static DemoStoreProfile Create(string storeId, string timeZone, string opens, string closes, decimal monthlyTarget, decimal pace)
    {
        var hours = new OpeningHours(
            TimeOnly.Parse(opens, CultureInfo.InvariantCulture),
            TimeOnly.Parse(closes, CultureInfo.InvariantCulture));
        if (!hours.IsValid)
        {
            throw new InvalidDataException($"Demo store {storeId}: closes ({closes}) must be after opens ({opens}).");
        }

        if (monthlyTarget <= 0 || pace <= 0)
        {
            throw new InvalidDataException($"Demo store {storeId}: monthlyTarget and pace must be greater than 0.");
        }

        return new DemoStoreProfile(storeId, TimeZoneInfo.FindSystemTimeZoneById(timeZone), hours, monthlyTarget, pace);
    }

    /// <summary>The profile of <paramref name="storeId"/> in a demo chain file; null when the file has no such store.</summary>
    public static DemoStoreProfile? Read(string chainPath, string storeId)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(chainPath));
        foreach (var store in json.RootElement.GetProperty("stores").EnumerateArray())
        {
            if (store.GetProperty("id").GetString() != storeId)
            {
                continue;
            }

            return Create(
                storeId,
                store.GetProperty("timeZone").GetString()!,
                store.GetProperty("opens").GetString()!,
                store.GetProperty("closes").GetString()!,
                store.GetProperty("monthlyTarget").GetDecimal(),
                store.TryGetProperty("pace", out var pace) ? pace.GetDecimal() : DefaultPace);
        }

        return null;
    }
}
