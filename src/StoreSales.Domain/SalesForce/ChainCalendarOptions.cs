namespace StoreSales.Domain.SalesForce;

/// <summary>
/// The chain's calendar: the time zone in which the sales force's days are counted (<see cref="ChainCalendar"/>; due
/// dates, dormancy, the pool's daily cap). Bound from configuration section <c>SalesForce:Calendar</c>; key and default
/// in docs/domain.md ("How time is counted").
/// </summary>
public sealed record ChainCalendarOptions
{
    public const string SectionName = "SalesForce:Calendar";

    /// <summary>An IANA time zone id. Default <c>Asia/Shanghai</c>: a Chinese chain's working day.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>
    /// The zone itself (<see cref="Validate"/> has checked it exists). A method, not a property: configuration binding
    /// must never evaluate it before validation has had its say.
    /// </summary>
    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out _)
            ? null
            : $"{SectionName}:{nameof(TimeZone)} must be a time zone id such as Asia/Shanghai (is \"{TimeZone}\").";
}
