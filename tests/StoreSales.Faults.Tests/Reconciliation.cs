using System.Net.Http.Json;
using System.Text.Json;
using StoreSales.Testing;

namespace StoreSales.Faults.Tests;

/// <summary>What the ledger holds of what the tills sent, per terminal: every receipt once is 0 lost, 0 doubled.</summary>
public sealed record LedgerTally(long Sent, long InLedger, long Lost, long Doubled)
{
    public bool Exact => Lost == 0 && Doubled == 0 && InLedger == Sent;

    /// <summary>
    /// The ledger's sales of the terminals against the receipts the tills sent: a receipt missing is lost, a receipt
    /// recorded more than once (or one no till sent) is doubled.
    /// </summary>
    public static async Task<LedgerTally> Of(TestDatabase database, string storeId, IReadOnlyDictionary<string, IReadOnlyList<string>> sent)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var recorded = (await Dapper.SqlMapper.QueryAsync<(string Terminal, string Receipt, long Times)>(
            connection,
            "SELECT terminal_id, receipt_number, count(*) FROM sale WHERE store_id = @storeId AND terminal_id = ANY(@terminals) GROUP BY terminal_id, receipt_number",
            new { storeId, terminals = sent.Keys.ToArray() })).ToList();
        var expected = sent.SelectMany(t => t.Value.Select(r => (t.Key, r))).ToHashSet();
        var inLedger = recorded.ToDictionary(r => (r.Terminal, r.Receipt), r => r.Times);
        var lost = expected.Count(e => !inLedger.ContainsKey(e));
        var doubled = recorded.Sum(r => expected.Contains((r.Terminal, r.Receipt)) ? r.Times - 1 : r.Times);
        return new LedgerTally(expected.Count, recorded.Sum(r => r.Times), lost, doubled);
    }

    /// <summary>Reads the tally until it is exact or <paramref name="limit"/> passes (sales still on their way), and returns the last.</summary>
    public static Task<LedgerTally> Settled(TestDatabase database, string storeId, IReadOnlyDictionary<string, IReadOnlyList<string>> sent, TimeSpan limit) =>
        Eventually.Until(() => Of(database, storeId, sent), tally => tally.Exact, limit, TimeSpan.FromMilliseconds(500));
}

/// <summary>
/// The day-end reconciliation as the command center answers it (docs/domain.md "Day-end reconciliation"): per terminal
/// and business day, the till's Z (the simulator's own count) against the ledger and the store grain.
/// </summary>
public static class DayEndCheck
{
    /// <summary>
    /// Waits until every terminal's day is <c>Equal</c> (Z = ledger = grain) or <paramref name="limit"/> passes; returns
    /// "equal" or what each terminal's verdict was.
    /// </summary>
    public static async Task<string> Verdicts(HttpClient hq, string storeId, IReadOnlyCollection<string> terminals, TimeSpan limit)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var verdicts = await Eventually.Until(
            async () =>
            {
                var days = await hq.GetFromJsonAsync<JsonElement>($"/api/stores/{storeId}/reconciliation?day={day:yyyy-MM-dd}");
                var found = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var storeDay in days.EnumerateArray())
                {
                    foreach (var terminal in storeDay.GetProperty("terminals").EnumerateArray())
                    {
                        found[terminal.GetProperty("terminalId").GetString()!] = terminal.GetProperty("verdict").GetString()!;
                    }
                }

                return terminals.ToDictionary(t => t, t => found.GetValueOrDefault(t, "no Z yet"), StringComparer.Ordinal);
            },
            found => found.Values.All(v => v.Equals("Equal", StringComparison.OrdinalIgnoreCase)),
            limit,
            TimeSpan.FromSeconds(1));
        return verdicts.Values.All(v => v.Equals("Equal", StringComparison.OrdinalIgnoreCase))
            ? "equal"
            : string.Join(", ", verdicts.Select(v => $"{v.Key} {v.Value}"));
    }
}
