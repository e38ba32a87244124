namespace StoreSales.Domain.HotItems;

/// <summary>
/// Which signal moves a store's hot items for a terminal: its sales (the default), or its scans for a terminal
/// configured scan-sourced (<c>HotItems:ScanSourcedTerminals</c>), so the board is live before the receipt closes.
/// A terminal counts by one source only: its scans, never also the lines of the sale they end in, so an item is never
/// counted twice once its sale arrives. The cost, documented: an item scanned and then voided stays in the window.
/// </summary>
public sealed class HotItemSource
{
    private readonly HashSet<string> _scanSourced;

    public HotItemSource(IEnumerable<string>? scanSourcedTerminals) =>
        _scanSourced = new HashSet<string>(scanSourcedTerminals ?? [], StringComparer.Ordinal);

    /// <summary>True when <paramref name="terminalId"/> counts by its scans.</summary>
    public bool IsScanSourced(string terminalId) => _scanSourced.Contains(terminalId);

    /// <summary>Whether a sale's lines of <paramref name="terminalId"/> go into the hot-item window.</summary>
    public bool CountsSale(string terminalId) => !IsScanSourced(terminalId);

    /// <summary>Whether a scan goes into the window: a scan-sourced terminal's scan that names an item (not a member card).</summary>
    public bool CountsScan(string terminalId, bool namesItem) => namesItem && IsScanSourced(terminalId);

    /// <summary>Units a scan counts for: its embedded net weight for a weighed item (as its sale line's quantity would be), else one.</summary>
    public static decimal UnitsOf(decimal? weightKg) => weightKg is > 0 ? weightKg.Value : 1m;
}
