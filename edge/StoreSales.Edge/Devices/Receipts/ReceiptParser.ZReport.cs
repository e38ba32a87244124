using System.Globalization;
using System.Text.RegularExpressions;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Devices.Receipts;

public sealed partial class ReceiptParser
{
    /// <summary>
    /// Reads a printed day-end report into a <see cref="ZReportRecord"/> (no last sequence yet: the outbox stamps it),
    /// values as printed. Each line is tried as count, gross, returns, voids, a tender, the Z number, the business day and
    /// the profile's <c>Time</c> (when the till closed the day); the first match of each counts, tenders add up. Unparsed
    /// without a count or a gross line, or with a number, day or time that does not read. Without a business-day line
    /// the day is the printed time's date, else the capture's in the profile's time zone.
    /// </summary>
    private ReceiptParseResult ParseZReport(CompiledZReportProfile z, ReceiptDocument document, string terminalId, DateTimeOffset capturedAt)
    {
        int? count = null, voids = null;
        decimal? gross = null, returns = null;
        string? number = null, dayText = null, timeText = null;
        var tenders = new List<TenderRecord>();
        foreach (var line in document.Lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            Match m;
            string? error;
            if (count is null && (m = z.Count.Match(line)).Success)
            {
                if (!TryCount(m, line, out var value, out error))
                {
                    return ReceiptParseResult.Unparsed($"Z report: {error}");
                }

                count = value;
            }
            else if (gross is null && (m = z.Gross.Match(line)).Success)
            {
                if (!TryNumber(m, "amount", line, out var value, out error))
                {
                    return ReceiptParseResult.Unparsed($"Z report gross: {error}");
                }

                gross = value;
            }
            else if (returns is null && z.Returns is { } returnsPattern && (m = returnsPattern.Match(line)).Success)
            {
                if (!TryNumber(m, "amount", line, out var value, out error))
                {
                    return ReceiptParseResult.Unparsed($"Z report returns: {error}");
                }

                returns = value;
            }
            else if (voids is null && z.Voids is { } voidsPattern && (m = voidsPattern.Match(line)).Success)
            {
                if (!TryCount(m, line, out var value, out error))
                {
                    return ReceiptParseResult.Unparsed($"Z report voids: {error}");
                }

                voids = value;
            }
            else if (z.Tender is { } tenderPattern && (m = tenderPattern.Match(line)).Success)
            {
                if (!TryNumber(m, "amount", line, out var amount, out error))
                {
                    return ReceiptParseResult.Unparsed($"Z report tender: {error}");
                }

                var method = Method(m.Groups["method"].Value);
                var index = tenders.FindIndex(t => t.Method == method);
                if (index >= 0)
                {
                    tenders[index] = tenders[index] with { Amount = tenders[index].Amount + amount };
                }
                else
                {
                    tenders.Add(new TenderRecord { Method = method, Amount = amount });
                }
            }
            else
            {
                var matched = false;
                number ??= Field(z.ZNumber, "number", line, ref matched);
                dayText ??= Field(z.BusinessDay, "day", line, ref matched);
                timeText ??= Field(profile.Time, "time", line, ref matched);
            }
        }

        if (count is null)
        {
            return ReceiptParseResult.Unparsed("Z report: no line matched the profile's ZReport:Count pattern");
        }

        if (gross is null)
        {
            return ReceiptParseResult.Unparsed("Z report: no line matched the profile's ZReport:Gross pattern");
        }

        var closedAt = capturedAt;
        if (timeText is not null && !TryTime(timeText, out closedAt))
        {
            return ReceiptParseResult.Unparsed($"Z report: time '{Excerpt(timeText)}' does not read with the format '{profile.TimeFormat}'");
        }

        DateOnly businessDay;
        if (dayText is not null)
        {
            if (!DateOnly.TryParseExact(dayText, z.BusinessDayFormat, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out businessDay))
            {
                return ReceiptParseResult.Unparsed($"Z report: business day '{Excerpt(dayText)}' does not read with the format '{z.BusinessDayFormat}'");
            }
        }
        else
        {
            businessDay = DateOnly.FromDateTime(timeText is not null ? closedAt.DateTime : TimeZoneInfo.ConvertTime(capturedAt, profile.TimeZone).DateTime);
        }

        var report = new ZReportRecord
        {
            TerminalId = terminalId,
            BusinessDay = businessDay,
            ZNumber = number,
            ClosedAt = closedAt,
            CapturedAt = capturedAt,
            Count = count.Value,
            Gross = gross.Value,
            Returns = returns ?? 0m,
            Voids = voids ?? 0,
            Tenders = tenders,
        };
        return new ReceiptParseResult(ReceiptOutcome.ZReport, ZReport: report);
    }

    private static bool TryCount(Match m, string line, out int value, out string? error)
    {
        var text = Group(m, "count");
        if (text is not null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            error = null;
            return true;
        }

        value = 0;
        error = $"bad count '{Excerpt(text ?? "")}' in line '{Excerpt(line)}'";
        return false;
    }
}
