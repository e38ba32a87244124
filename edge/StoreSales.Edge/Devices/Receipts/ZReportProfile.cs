namespace StoreSales.Edge.Devices.Receipts;

/// <summary>
/// How the POS's printed day-end report (Z report, 日结单) reads: the <c>ZReport</c> object of a receipt profile. A
/// document with a line matching <see cref="Marker"/> is a Z report, not a sale: its totals go to the outbox's
/// <c>z_reports</c> like the structured till's <c>Z</c> record. Patterns follow the profile's <c>Syntax</c>.
/// </summary>
public sealed class ZReportProfile
{
    /// <summary>A line that makes the document a Z report (its title, e.g. <c>收银日结单</c>). Required.</summary>
    public string? Marker { get; set; }

    /// <summary>Group <c>number</c>: the till's Z counter.</summary>
    public string? ZNumber { get; set; }

    /// <summary>Group <c>day</c>, read with <see cref="BusinessDayFormat"/>. Without it, the day of the printed time (or of the capture).</summary>
    public string? BusinessDay { get; set; }

    /// <summary>.NET date format of the <c>day</c> group; default <c>yyyy-MM-dd</c>.</summary>
    public string? BusinessDayFormat { get; set; }

    /// <summary>Group <c>count</c>: the number of sales. Required.</summary>
    public string? Count { get; set; }

    /// <summary>Group <c>amount</c>: the sales' gross. Required.</summary>
    public string? Gross { get; set; }

    /// <summary>Group <c>amount</c>: the returns' total, taken as printed (0 without the line).</summary>
    public string? Returns { get; set; }

    /// <summary>Group <c>count</c>: voided receipts (0 without the line).</summary>
    public string? Voids { get; set; }

    /// <summary>Groups <c>method</c> and <c>amount</c>: takings of one tender; methods mapped by the profile's <c>TenderMethods</c>.</summary>
    public string? Tender { get; set; }

    /// <summary>This object with every property <paramref name="overrides"/> sets replaced.</summary>
    public ZReportProfile With(ZReportProfile? overrides) => overrides is null ? this : new ZReportProfile
    {
        Marker = overrides.Marker ?? Marker,
        ZNumber = overrides.ZNumber ?? ZNumber,
        BusinessDay = overrides.BusinessDay ?? BusinessDay,
        BusinessDayFormat = overrides.BusinessDayFormat ?? BusinessDayFormat,
        Count = overrides.Count ?? Count,
        Gross = overrides.Gross ?? Gross,
        Returns = overrides.Returns ?? Returns,
        Voids = overrides.Voids ?? Voids,
        Tender = overrides.Tender ?? Tender,
    };
}
