using System.Globalization;
using System.Security.Claims;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Targets;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Attribution;

/// <summary>
/// The attribution report as one viewer may read it (<see cref="AttributionAccessRule"/>), for the API, its exports and
/// the page alike: what is refused and why is decided here once, and counted (<see cref="AttributionMetrics"/>).
/// </summary>
public sealed class AttributionDesk(AttributionReportReader reader, AttributionMetrics metrics)
{
    /// <summary>A month as the URLs write it: <c>yyyy-MM</c>.</summary>
    public static bool TryMonth(string? text, out DateOnly month)
    {
        var ok = DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
        return ok && month.Year >= 2000;
    }

    public async Task<AttributionRead> Read(ClaimsPrincipal user, string? monthText, string operation, CancellationToken cancellationToken)
    {
        if (!TryMonth(monthText, out var month))
        {
            metrics.Rejected(operation, "invalid_month");
            return new AttributionRead(AttributionRefusal.InvalidMonth, null);
        }

        var viewer = user.ToViewerScope();
        if (!AttributionAccessRule.MayRead(viewer))
        {
            metrics.Rejected(operation, "not_in_scope");
            return new AttributionRead(AttributionRefusal.NotInScope, null);
        }

        var report = await reader.Read(
            month,
            (store, region) => AttributionAccessRule.SeesStore(viewer, store, region),
            region => AttributionAccessRule.SeesRegion(viewer, region),
            cancellationToken);
        if (report is null)
        {
            metrics.Rejected(operation, "not_generated");
            return new AttributionRead(AttributionRefusal.NotGenerated, null);
        }

        metrics.Accepted(operation);
        return new AttributionRead(null, report);
    }
}

/// <summary>Why a report was not given.</summary>
public enum AttributionRefusal
{
    InvalidMonth = 0,
    NotInScope = 1,
    NotGenerated = 2,
}

/// <summary>The report, or why not.</summary>
public sealed record AttributionRead(AttributionRefusal? Refusal, AttributionReportView? Report);
