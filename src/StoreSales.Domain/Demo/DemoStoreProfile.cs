using System.Globalization;
using System.Text.Json;
using StoreSales.Domain.Pacing;

namespace StoreSales.Domain.Demo;

/// <summary>
/// What the demo needs to know of a store to sell like it: opening hours, zone, monthly target, and the pace at which
/// it runs against that target (1 = on target, 0.8 = 20 % behind). Read from <c>deploy/local/demo-chain.json</c> by the
/// server (history) and by the till simulator alike, so both sell the same store the same way. <see cref="Reps"/> are the
/// store's sales reps, each credited with a share of its sales (and given that share of its target).
/// </summary>
public sealed record DemoStoreProfile(string StoreId, TimeZoneInfo TimeZone, OpeningHours Hours, decimal MonthlyTarget, decimal Pace)
{
    /// <summary>The store's reps and the share of its sales each is credited with; the rest of the sales credit no rep.</summary>
    public IReadOnlyList<DemoRepShare> Reps { get; init; } = [];

    /// <summary>
    /// The rep a sale credits, from a uniform draw in [0, 1): the reps' shares laid end to end, in order, from 0; a draw
    /// past them credits nobody (null). So each rep gets its share of the sales on average, history and tills alike.
    /// </summary>
    public string? RepFor(double draw)
    {
        var end = 0m;
        foreach (var rep in Reps)
        {
            end += rep.Share;
            if ((decimal)draw < end)
            {
                return rep.RepId;
            }
        }

        return null;
    }

    /// <summary>The pace of a store whose chain entry names none: on target.</summary>
    public const decimal DefaultPace = 1m;

    public static DemoStoreProfile Create(string storeId, string timeZone, string opens, string closes, decimal monthlyTarget, decimal pace, IReadOnlyList<DemoRepShare>? reps = null)
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

        reps ??= [];
        if (reps.Any(r => r.Share < 0) || reps.Sum(r => r.Share) > 1)
        {
            throw new InvalidDataException($"Demo store {storeId}: each rep's share must be 0 or more (0: a rep who sells off the till) and together at most 1.");
        }

        return new DemoStoreProfile(storeId, TimeZoneInfo.FindSystemTimeZoneById(timeZone), hours, monthlyTarget, pace) { Reps = reps };
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
                store.TryGetProperty("pace", out var pace) ? pace.GetDecimal() : DefaultPace,
                store.TryGetProperty("reps", out var reps)
                    ? [.. reps.EnumerateArray().Select(r => new DemoRepShare(r.GetProperty("id").GetString()!, r.GetProperty("share").GetDecimal()))]
                    : null);
        }

        return null;
    }
}

/// <summary>A demo rep and the share (0–1) of the store's sales, and of its target, credited to them.</summary>
public sealed record DemoRepShare(string RepId, decimal Share);
