using System.Globalization;
using System.Text.RegularExpressions;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Devices.Receipts;

/// <summary>What became of one document.</summary>
public enum ReceiptOutcome
{
    /// <summary>A sale: <see cref="ReceiptParseResult.Sale"/>.</summary>
    Sale,

    /// <summary>A receipt the profile cannot read: kept whole with <see cref="ReceiptParseResult.Reason"/>.</summary>
    Unparsed,

    /// <summary>A printed day-end report (the profile's <c>ZReport:Marker</c> matched): <see cref="ReceiptParseResult.ZReport"/>.</summary>
    ZReport,

    /// <summary>Not a receipt: blank (a drawer kick and a cut), or text outside the start marker with no item or total line.</summary>
    Ignored,
}

public sealed record ReceiptParseResult(
    ReceiptOutcome Outcome,
    SaleRecord? Sale = null,
    string? Reason = null,
    bool TotalMismatch = false,
    bool TenderMismatch = false,
    IReadOnlyList<int>? LinesWithoutCode = null,
    ZReportRecord? ZReport = null)
{
    /// <summary>Line numbers of the sale whose code was not printed (the item's name stands for it): what scans may complete.</summary>
    public IReadOnlyList<int> CodelessLines => LinesWithoutCode ?? [];

    public static ReceiptParseResult Unparsed(string reason, bool totalMismatch = false) => new(ReceiptOutcome.Unparsed, Reason: reason, TotalMismatch: totalMismatch);
}

/// <summary>
/// Reads one receipt's text lines with a <see cref="CompiledReceiptProfile"/> into a <see cref="SaleRecord"/>
/// (no sequence yet: the outbox assigns it). Values are taken as printed: nothing is recomputed, no sign changed.
/// </summary>
/// <remarks>
/// A document with a line matching the profile's <c>ZReport:Marker</c> is a day-end report instead
/// (<see cref="ParseZReport"/>). Otherwise each line is tried, in order, as an item (before the total only), a discount (likewise), the total, change,
/// a tender; then, independently, as the receipt number, cashier, member, time and return marker (one line may
/// carry several of those); lastly as an item header. Lines that match nothing (the store's address, rulers,
/// "thank you") are skipped. The receipt is unparsed when it has no item line, no total line, a time pattern
/// without a readable time, a number that does not read, an item the server would refuse (quantity 0,
/// negative unit price, no code or name), or (unless the profile accepts it) a total that differs from the sum
/// of the item lines.
/// </remarks>
public sealed partial class ReceiptParser(CompiledReceiptProfile profile)
{
    private const int MaxCodeLength = 64;

    public CompiledReceiptProfile Profile => profile;

    public ReceiptParseResult Parse(ReceiptDocument document, string terminalId, DateTimeOffset capturedAt)
    {
        if (document.End == ReceiptEnd.Overlong)
        {
            return ReceiptParseResult.Unparsed($"longer than {ReceiptReader.MaxDocumentBytes} bytes without a cut or end marker");
        }

        if (document.IsBlank)
        {
            return new ReceiptParseResult(ReceiptOutcome.Ignored);
        }

        // A Z is printed outside any sale, often outside the start marker too: its marker decides before anything else.
        if (profile.ZReport is { } z && document.Lines.Any(z.Marker.IsMatch))
        {
            return ParseZReport(z, document, terminalId, capturedAt);
        }

        if (!document.InReceipt)
        {
            // Outside the start marker: a report or a test page, unless it reads like a receipt whose start line was garbled.
            return document.Lines.Any(l => profile.Total.IsMatch(l) || profile.Item.IsMatch(l))
                ? ReceiptParseResult.Unparsed("receipt-like text (an item or total line) without the profile's start marker")
                : new ReceiptParseResult(ReceiptOutcome.Ignored);
        }

        var lines = new List<SaleLineRecord>();
        var codeless = new List<int>();
        var tenders = new List<TenderRecord>();
        decimal? total = null;
        var change = 0m;
        string? receipt = null, cashier = null, member = null, timeText = null;
        var isReturn = false;
        (string? Code, string? Name)? header = null;

        foreach (var line in document.Lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            Match m;
            if (total is null && (m = profile.Item.Match(line)).Success)
            {
                if (!TryItem(m, header, lines.Count + 1, line, out var item, out var codePrinted, out var error))
                {
                    return ReceiptParseResult.Unparsed(error!);
                }

                if (!codePrinted)
                {
                    codeless.Add(item!.LineNumber);
                }

                lines.Add(item!);
                header = null;
                continue;
            }

            if (total is null && profile.Discount is { } discountPattern && (m = discountPattern.Match(line)).Success)
            {
                if (lines.Count == 0)
                {
                    return ReceiptParseResult.Unparsed($"discount line before any item line: '{Excerpt(line)}'");
                }

                if (!TryNumber(m, "amount", line, out var discount, out var error))
                {
                    return ReceiptParseResult.Unparsed(error!);
                }

                var last = lines[^1];
                lines[^1] = last with { Discount = last.Discount + Math.Abs(discount), Amount = last.Amount - Math.Abs(discount) };
                header = null;
                continue;
            }

            if (total is null && (m = profile.Total.Match(line)).Success)
            {
                if (!TryNumber(m, "total", line, out var value, out var error))
                {
                    return ReceiptParseResult.Unparsed(error!);
                }

                total = value;
                header = null;
                continue;
            }

            if (profile.Change is { } changePattern && (m = changePattern.Match(line)).Success)
            {
                if (!TryNumber(m, "amount", line, out var amount, out var error))
                {
                    return ReceiptParseResult.Unparsed(error!);
                }

                change += Math.Abs(amount);
                header = null;
                continue;
            }

            if (profile.Tender is { } tenderPattern && (m = tenderPattern.Match(line)).Success)
            {
                if (!TryNumber(m, "amount", line, out var amount, out var error))
                {
                    return ReceiptParseResult.Unparsed(error!);
                }

                tenders.Add(new TenderRecord { Method = Method(m.Groups["method"].Value), Amount = amount });
                header = null;
                continue;
            }

            var matchedField = false;
            receipt ??= Field(profile.ReceiptNumber, "receipt", line, ref matchedField);
            cashier ??= Field(profile.Cashier, "cashier", line, ref matchedField);
            member ??= Field(profile.Member, "member", line, ref matchedField);
            timeText ??= Field(profile.Time, "time", line, ref matchedField);
            if (profile.ReturnMarker is { } returnMarker && returnMarker.IsMatch(line))
            {
                isReturn = true;
                matchedField = true;
            }

            if (matchedField)
            {
                header = null;
            }
            else if (total is null && profile.ItemHeader is { } headerPattern && (m = headerPattern.Match(line)).Success)
            {
                header = (Group(m, "code"), Group(m, "name"));
            }
            else
            {
                header = null;
            }
        }

        if (lines.Count == 0)
        {
            return ReceiptParseResult.Unparsed("no item line matched the profile's Item pattern");
        }

        if (total is null)
        {
            return ReceiptParseResult.Unparsed("no total line matched the profile's Total pattern");
        }

        var rungUpAt = capturedAt;
        if (profile.Time is not null)
        {
            if (timeText is null)
            {
                return ReceiptParseResult.Unparsed("no time line matched the profile's Time pattern");
            }

            if (!TryTime(timeText, out rungUpAt))
            {
                return ReceiptParseResult.Unparsed($"time '{Excerpt(timeText)}' does not read with the format '{profile.TimeFormat}'");
            }
        }

        var lineSum = lines.Sum(l => l.Amount);
        var totalMismatch = lineSum != total.Value;
        if (totalMismatch && !profile.AcceptTotalMismatch)
        {
            return ReceiptParseResult.Unparsed(
                $"total {total.Value} differs from the sum of the item lines {lineSum} (an item or discount line the patterns missed?)",
                totalMismatch: true);
        }

        var tenderMismatch = false;
        if (change != 0)
        {
            var index = tenders.FindLastIndex(t => t.Method == "cash");
            index = index >= 0 ? index : tenders.Count - 1;
            if (index < 0)
            {
                tenderMismatch = true;
            }
            else
            {
                tenders[index] = tenders[index] with { Amount = tenders[index].Amount - change };
            }
        }

        if (tenders.Count > 0 && tenders.Sum(t => t.Amount) != total.Value)
        {
            tenderMismatch = true;
        }

        var sale = new SaleRecord
        {
            TerminalId = terminalId,
            Kind = isReturn ? SaleKinds.Return : SaleKinds.Sale,
            ReceiptNumber = receipt,
            RungUpAt = rungUpAt,
            CapturedAt = capturedAt,
            CashierId = cashier,
            MemberId = member,
            Total = total.Value,
            Lines = lines,
            Tenders = tenders,
        };
        return new ReceiptParseResult(ReceiptOutcome.Sale, sale, TotalMismatch: totalMismatch, TenderMismatch: tenderMismatch, LinesWithoutCode: codeless);
    }

    private bool TryItem(Match m, (string? Code, string? Name)? header, int lineNumber, string line, out SaleLineRecord? item, out bool codePrinted, out string? error)
    {
        item = null;
        codePrinted = (Group(m, "code") ?? header?.Code) is not null;
        if (!TryNumber(m, "quantity", line, out var quantity, out error)
            || !TryNumber(m, "price", line, out var price, out error)
            || !TryNumber(m, "amount", line, out var amount, out error))
        {
            return false;
        }

        var discount = 0m;
        if (Group(m, "discount") is not null && !TryNumber(m, "discount", line, out discount, out error))
        {
            return false;
        }

        var code = Group(m, "code") ?? header?.Code;
        var name = Group(m, "name") ?? header?.Name;
        if (code is null && name is not null)
        {
            // No code printed: the name stands for the item (collapsed blanks, cut to the server's limit).
            code = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            code = code.Length > MaxCodeLength ? code[..MaxCodeLength] : code;
        }

        if (string.IsNullOrEmpty(code))
        {
            error = $"item line {lineNumber} has no code or name: '{Excerpt(line)}'";
            return false;
        }

        if (code.Length > MaxCodeLength)
        {
            error = $"item code longer than {MaxCodeLength} characters: '{Excerpt(code)}'";
            return false;
        }

        if (quantity == 0)
        {
            error = $"item line {lineNumber} has quantity 0: '{Excerpt(line)}'";
            return false;
        }

        if (price < 0)
        {
            error = $"item line {lineNumber} has a negative unit price: '{Excerpt(line)}'";
            return false;
        }

        discount = Math.Abs(discount);
        item = new SaleLineRecord
        {
            LineNumber = lineNumber,
            ItemCode = code,
            Quantity = quantity,
            UnitPrice = price,
            Discount = discount,
            Amount = amount - discount,
        };
        return true;
    }

    private bool TryNumber(Match m, string group, string line, out decimal value, out string? error)
    {
        var text = Group(m, group);
        if (text is not null && TryParseAmount(text, out value))
        {
            error = null;
            return true;
        }

        value = 0;
        error = $"bad {group} '{Excerpt(text ?? "")}' in line '{Excerpt(line)}'";
        return false;
    }

    /// <summary>Reads a printed amount: currency signs, blanks and group separators ignored; a sign may lead or trail.</summary>
    private bool TryParseAmount(string text, out decimal value)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        var length = 0;
        foreach (var c in text.Length <= 64 ? text : text[..64])
        {
            if (c is '¥' or '￥' or '$' or '€' or ' ' or '\t' or '\u3000')
            {
                continue;
            }

            buffer[length++] = c;
        }

        return decimal.TryParse(
            buffer[..length],
            NumberStyles.AllowLeadingSign | NumberStyles.AllowTrailingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands,
            profile.Numbers,
            out value);
    }

    private bool TryTime(string text, out DateTimeOffset value)
    {
        var format = profile.TimeFormat!;
        if (format.Contains('z', StringComparison.Ordinal))
        {
            return DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
        }

        if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            var offset = profile.TimeZone.IsInvalidTime(local)
                ? profile.TimeZone.GetUtcOffset(local.AddHours(1)) // a clock-change gap: the offset after it
                : profile.TimeZone.GetUtcOffset(local);
            value = new DateTimeOffset(local, offset);
            return true;
        }

        value = default;
        return false;
    }

    private string Method(string printed)
    {
        var trimmed = printed.Trim();
        if (profile.TenderMethods.TryGetValue(trimmed, out var method))
        {
            return method;
        }

        var lower = trimmed.ToLowerInvariant();
        return ReceiptProfiles.IsMethod(lower) ? lower : "other";
    }

    private static string? Field(Regex? pattern, string group, string line, ref bool matched)
    {
        if (pattern?.Match(line) is not { Success: true } m)
        {
            return null;
        }

        matched = true;
        return Group(m, group);
    }

    private static string? Group(Match m, string name)
    {
        var group = m.Groups[name];
        if (!group.Success)
        {
            return null;
        }

        var value = group.Value.Trim();
        return value.Length == 0 ? null : value;
    }

    internal static string Excerpt(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");
}
