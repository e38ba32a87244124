namespace StoreSales.Domain.Barcodes;

/// <summary>What a scanned code was recognised as.</summary>
public enum ScanKind
{
    /// <summary>None of the others; <see cref="DecodedScan.Data"/> still holds the payload (an internal SKU label, say).</summary>
    Unknown,

    /// <summary>A bare GTIN-8/12/13/14 (EAN/UPC, ITF-14).</summary>
    Gtin,

    /// <summary>A GS1 element string (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar, or typed in "(AI)" form).</summary>
    Gs1ElementString,

    /// <summary>A variable-measure EAN-13 with an embedded price or weight.</summary>
    VariableMeasure,

    /// <summary>A loyalty member code.</summary>
    Member,
}
