namespace StoreSales.Edge.Devices.Receipts;

/// <summary>Counter names of a receipt adapter (<see cref="DeviceSnapshot.Counters"/>, device kind <c>receipt</c>).</summary>
public static class ReceiptCounters
{
    /// <summary>Bytes read from the POS on the receipt port.</summary>
    public const string Bytes = "bytes";

    /// <summary>Documents with text that ended (cut, end marker …): receipts, unparsed or not, and ignored text.</summary>
    public const string Documents = "documents";

    /// <summary>Receipts parsed and stored in the outbox as sales.</summary>
    public const string Sales = "sales";

    /// <summary>Receipts the profile could not read: kept whole in the outbox database's <c>unparsed_receipts</c> table.</summary>
    public const string UnparsedReceipts = "unparsed-receipts";

    /// <summary>Of the unparsed receipts: those longer than 1 MiB without a cut or end marker.</summary>
    public const string OverlongReceipts = "overlong-receipts";

    /// <summary>Documents that are not receipts: text outside the profile's start marker with no item or total line.</summary>
    public const string Ignored = "ignored-documents";

    /// <summary>Paper cuts.</summary>
    public const string Cuts = "cuts";

    /// <summary>ESC/GS/FS/DLE commands not known to the stripper (command byte skipped) and stray control bytes.</summary>
    public const string UnknownCommands = "unknown-commands";

    /// <summary>Receipts whose total differs from the sum of their item lines (unparsed, unless the profile accepts them).</summary>
    public const string TotalMismatches = "total-mismatches";

    /// <summary>Sales whose tenders (less change) do not add up to the total; stored as printed.</summary>
    public const string TenderMismatches = "tender-mismatches";

    /// <summary>Documents with bytes the encoding could not read (shown as U+FFFD).</summary>
    public const string DecodeErrors = "decode-errors";

    /// <summary>Bytes forwarded unchanged to the real printer (pass-through).</summary>
    public const string ForwardedBytes = "forwarded-bytes";

    /// <summary>Bytes that could not be forwarded: the printer port was not open or the write failed.</summary>
    public const string ForwardDroppedBytes = "forward-dropped-bytes";

    /// <summary>Bytes the printer sent back (status replies), relayed to the POS.</summary>
    public const string PrinterReplyBytes = "printer-reply-bytes";

    /// <summary>Times the receipt port was opened.</summary>
    public const string Opens = "opens";

    /// <summary>Failed opens and lost connections of the receipt port.</summary>
    public const string PortFaults = "port-faults";

    /// <summary>Times the pass-through printer port was opened.</summary>
    public const string PrinterOpens = "printer-opens";

    /// <summary>Failed opens and lost connections of the pass-through printer port.</summary>
    public const string PrinterPortFaults = "printer-port-faults";

    /// <summary>Item lines printed without a code whose code the terminal's scans since the previous receipt supplied.</summary>
    public const string LinesCompletedFromScans = "lines-completed-from-scans";

    /// <summary>Receipts with lines printed without a code that the scans since the previous receipt did not match (kept as printed).</summary>
    public const string ScanCompletionMismatches = "scan-completion-mismatches";

    /// <summary>Printed day-end reports (Z) stored in the outbox.</summary>
    public const string ZReports = "z-reports";

    /// <summary>Printed Z reports for a business day the terminal already had one for (printed again, or sent by the till too): the first is kept.</summary>
    public const string ZRepeats = "z-repeats";

    internal static DeviceCounters Create() =>
        new(Documents, Sales, UnparsedReceipts, OverlongReceipts, Ignored, TotalMismatches, TenderMismatches, DecodeErrors, LinesCompletedFromScans, ScanCompletionMismatches, ZReports, ZRepeats);
}
