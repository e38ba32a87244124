namespace StoreSales.Domain.Barcodes;

/// <summary>Whether a variable-measure layout carries a GS1 price/weight check digit, and for which field length.</summary>
public enum PriceCheckDigitKind
{
    None,

    /// <summary>Over a 4-digit value field (GS1 7.9.3, four-digit).</summary>
    FourDigit,

    /// <summary>Over a 5-digit value field (GS1 7.9.3, five-digit).</summary>
    FiveDigit,
}
