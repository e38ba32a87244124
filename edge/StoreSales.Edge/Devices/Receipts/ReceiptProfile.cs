namespace StoreSales.Edge.Devices.Receipts;

/// <summary>
/// How one POS program's receipts read: their encoding, where a receipt starts and ends, and one pattern per
/// kind of line. A profile is a JSON file (shipped: <c>receipt-profiles/simulator.json</c>,
/// <c>receipt-profiles/zh-supermarket.json</c>) or inline configuration under <c>Terminals:N:Receipt:Inline</c>;
/// see the project README, "Receipt capture". Every property is optional here; <see cref="ReceiptProfiles"/>
/// checks that the result is complete.
/// </summary>
/// <remarks>
/// Patterns are .NET regular expressions matched against one receipt line (trailing blanks removed), with
/// named groups for the values; or, with <see cref="Syntax"/> <c>wildcard</c>, text with <c>{field}</c>
/// placeholders and <c>*</c>.
/// </remarks>
public sealed class ReceiptProfile
{
    /// <summary>Profile name, for logs.</summary>
    public string? Name { get; set; }

    /// <summary>For people: what POS program and layout this profile reads.</summary>
    public string? Description { get; set; }

    /// <summary>Text encoding of the receipt (<c>utf-8</c>, <c>gb18030</c>, <c>windows-1252</c>, <c>ibm437</c> …).</summary>
    public string? Encoding { get; set; }

    /// <summary>
    /// ESC/POS character code tables (ESC t n) the POS switches to, by number: <c>{"16": "windows-1252"}</c>.
    /// Text printed after ESC t n, outside Chinese mode (FS &amp;), is decoded with the table's encoding; a table
    /// not listed here, Chinese mode and ESC @ fall back to <see cref="Encoding"/>.
    /// </summary>
    public Dictionary<string, string>? CodeTables { get; set; }

    /// <summary><c>regex</c> (default) or <c>wildcard</c>.</summary>
    public string? Syntax { get; set; }

    /// <summary>A line that starts a receipt. Without it, a receipt starts after the previous one ended.</summary>
    public string? StartMarker { get; set; }

    /// <summary>A line that ends a receipt (it belongs to the receipt). A paper cut always ends one.</summary>
    public string? EndMarker { get; set; }

    /// <summary>Group <c>receipt</c>: the receipt number.</summary>
    public string? ReceiptNumber { get; set; }

    /// <summary>Group <c>cashier</c>.</summary>
    public string? Cashier { get; set; }

    /// <summary>Group <c>member</c>: the customer's member number.</summary>
    public string? Member { get; set; }

    /// <summary>Group <c>time</c>, read with <see cref="TimeFormat"/>. When set, a receipt without it is unparsed.</summary>
    public string? Time { get; set; }

    /// <summary>.NET custom date format of the <c>time</c> group, e.g. <c>yyyy-MM-dd HH:mm:ss</c>; with <c>zzz</c> the printed offset is used.</summary>
    public string? TimeFormat { get; set; }

    /// <summary>
    /// Groups <c>code</c> and/or <c>name</c>: the first line of an item whose numbers are on the next line.
    /// Only used when the very next line is an item line without its own code or name.
    /// </summary>
    public string? ItemHeader { get; set; }

    /// <summary>Groups <c>quantity</c>, <c>price</c> (unit price), <c>amount</c>; optional <c>code</c>, <c>name</c>, <c>discount</c>.</summary>
    public string? Item { get; set; }

    /// <summary>Group <c>amount</c>: a discount on the item line above it (sign ignored).</summary>
    public string? Discount { get; set; }

    /// <summary>Group <c>total</c>. The first total line ends the item lines.</summary>
    public string? Total { get; set; }

    /// <summary>Groups <c>method</c> and <c>amount</c>: one tender.</summary>
    public string? Tender { get; set; }

    /// <summary>Group <c>amount</c>: change given back, taken off the cash tender (else the last tender).</summary>
    public string? Change { get; set; }

    /// <summary>A line that makes the receipt a return (kind <c>return</c>); amounts are taken as printed.</summary>
    public string? ReturnMarker { get; set; }

    /// <summary>Printed tender method → method sent (<c>cash</c>, <c>card</c>, <c>wechat</c>, <c>alipay</c>, <c>voucher</c>, <c>other</c>); case-insensitive.</summary>
    public Dictionary<string, string>? TenderMethods { get; set; }

    /// <summary><c>.</c> (default) or <c>,</c>: the decimal separator of printed amounts.</summary>
    public string? DecimalSeparator { get; set; }

    /// <summary>
    /// False (default): a receipt whose total differs from the sum of its item lines is unparsed (an item line
    /// the patterns missed is the likely cause). True: kept as printed, counted.
    /// </summary>
    public bool? AcceptTotalMismatch { get; set; }

    /// <summary>How the POS's printed day-end report (Z) reads; without it, a printed Z is not recognised.</summary>
    public ZReportProfile? ZReport { get; set; }

    /// <summary>This profile with every property <paramref name="overrides"/> sets replaced (maps merged key by key).</summary>
    public ReceiptProfile With(ReceiptProfile? overrides)
    {
        if (overrides is null)
        {
            return this;
        }

        return new ReceiptProfile
        {
            Name = overrides.Name ?? Name,
            Description = overrides.Description ?? Description,
            Encoding = overrides.Encoding ?? Encoding,
            CodeTables = Merge(CodeTables, overrides.CodeTables),
            Syntax = overrides.Syntax ?? Syntax,
            StartMarker = overrides.StartMarker ?? StartMarker,
            EndMarker = overrides.EndMarker ?? EndMarker,
            ReceiptNumber = overrides.ReceiptNumber ?? ReceiptNumber,
            Cashier = overrides.Cashier ?? Cashier,
            Member = overrides.Member ?? Member,
            Time = overrides.Time ?? Time,
            TimeFormat = overrides.TimeFormat ?? TimeFormat,
            ItemHeader = overrides.ItemHeader ?? ItemHeader,
            Item = overrides.Item ?? Item,
            Discount = overrides.Discount ?? Discount,
            Total = overrides.Total ?? Total,
            Tender = overrides.Tender ?? Tender,
            Change = overrides.Change ?? Change,
            ReturnMarker = overrides.ReturnMarker ?? ReturnMarker,
            TenderMethods = Merge(TenderMethods, overrides.TenderMethods),
            DecimalSeparator = overrides.DecimalSeparator ?? DecimalSeparator,
            AcceptTotalMismatch = overrides.AcceptTotalMismatch ?? AcceptTotalMismatch,
            ZReport = ZReport is null ? overrides.ZReport : ZReport.With(overrides.ZReport),
        };
    }

    private static Dictionary<string, string>? Merge(Dictionary<string, string>? first, Dictionary<string, string>? second)
    {
        if (first is null || second is null)
        {
            return second ?? first;
        }

        var merged = new Dictionary<string, string>(first, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in second)
        {
            merged[key] = value;
        }

        return merged;
    }
}

/// <summary>The <c>Terminals:N:Receipt</c> section: which profile reads this terminal's receipts.</summary>
public sealed class ReceiptOptions
{
    /// <summary>
    /// A profile name (<c>simulator</c>, <c>zh-supermarket</c>, or NAME for <c>receipt-profiles/NAME.json</c> beside
    /// the agent) or a path to a profile JSON file (relative to the agent's folder).
    /// </summary>
    public string? Profile { get; set; }

    /// <summary>Profile properties given in configuration: they override the named profile's, or are the whole profile.</summary>
    public ReceiptProfile? Inline { get; set; }

    /// <summary>Time zone of receipt times printed without an offset (IANA or Windows id, or <c>+08:00</c>); default: the PC's.</summary>
    public string? TimeZone { get; set; }
}
