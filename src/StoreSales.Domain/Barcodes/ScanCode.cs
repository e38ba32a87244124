namespace StoreSales.Domain.Barcodes;

/// <summary>
/// The code a valid scan counts its item by, in the form tills print on their sale lines, so a scan and the sale line
/// it becomes name the same item: a GTIN-14 with a leading zero (GS1 (01), ITF-14 of a unit) is its GTIN-13, a
/// variable-measure label is its item code (not the label with price or weight inside), a member card its member id.
/// </summary>
public static class ScanCode
{
    /// <summary>The code of <paramref name="scan"/>; null when the scan is not valid or names nothing.</summary>
    public static string? Of(DecodedScan scan)
    {
        if (!scan.Valid)
        {
            return null;
        }

        return scan.Kind switch
        {
            ScanKind.VariableMeasure => scan.ItemCode,
            ScanKind.Member => scan.MemberId,
            ScanKind.Gtin or ScanKind.Gs1ElementString when scan.Gtin is { Length: 14 } gtin && gtin[0] == '0' => gtin[1..],
            ScanKind.Gtin or ScanKind.Gs1ElementString => scan.Gtin,
            _ => null,
        };
    }
}
