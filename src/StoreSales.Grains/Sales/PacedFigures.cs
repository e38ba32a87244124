using System.Collections.Immutable;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets;

namespace StoreSales.Grains.Sales;

/// <summary>
/// Day and month figures against a monthly target, paced by a store's profile and judged red/yellow/green by
/// <see cref="TargetStatusRule"/> with the last shown bands for hysteresis: a store's and a rep's progress alike
/// (each with its own <see cref="TargetStatusOptions"/>).
/// </summary>
internal static class PacedFigures
{
    public static (PeriodProgress Day, PeriodProgress Month) Evaluate(
        ILiveFigures figures, decimal monthTarget, PacingProfile pacing, DateTime localNow, TargetStatusOptions options, StoreClosures? closures = null)
    {
        // Closed spans the store recorded carry no expectation: the month's target is spread over its open hours.
        closures ??= StoreClosures.None;
        var dayTarget = TargetPacing.DayTarget(monthTarget, figures.Day, pacing, closures);
        var dayExpected = TargetPacing.ExpectedForDay(dayTarget, localNow, pacing, closures);
        var monthExpected = TargetPacing.ExpectedForMonth(monthTarget, localNow, pacing, closures);

        var dayStatus = TargetStatusRule.Evaluate(figures.DayActual, dayExpected, dayTarget, Previous(figures.DayBand), options);
        var monthStatus = TargetStatusRule.Evaluate(figures.MonthActual, monthExpected, monthTarget, Previous(figures.MonthBand), options);

        return (
            new PeriodProgress(figures.DayActual, Round(dayTarget), Round(dayExpected), dayStatus.Deviation, dayStatus.Band, dayStatus.Direction, figures.DaySales),
            new PeriodProgress(figures.MonthActual, monthTarget, Round(monthExpected), monthStatus.Deviation, monthStatus.Band, monthStatus.Direction, figures.MonthSales));
    }

    /// <summary>Keeps the bands now shown, for the next evaluation's hysteresis.</summary>
    public static void KeepBands(ILiveFigures figures, PeriodProgress day, PeriodProgress month)
    {
        figures.DayBand = (int)day.Status;
        figures.MonthBand = (int)month.Status;
    }

    /// <summary>Today per local hour: what it sold and what it was expected to sell (the day target spread by the profile).</summary>
    public static ImmutableArray<HourFigure> Hours(ILiveFigures figures, decimal monthTarget, PacingProfile pacing, StoreClosures? closures = null)
    {
        closures ??= StoreClosures.None;
        var expected = TargetPacing.ExpectedByHour(TargetPacing.DayTarget(monthTarget, figures.Day, pacing, closures), figures.Day, pacing, closures);
        return [.. Enumerable.Range(0, 24).Select(h => new HourFigure(h, figures.DayHours[h], Round(expected[h])))];
    }

    /// <summary>The status of a period as it was judged.</summary>
    public static TargetStatus ToStatus(PeriodProgress period) => new(period.Status, period.Direction, period.Deviation);

    private static TargetStatus? Previous(int band) =>
        band == (int)TargetBand.Pending ? null : new TargetStatus((TargetBand)band, PaceDirection.OnPace, null);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
