namespace StoreSales.Domain.Barcodes;

/// <summary>How the data field of a GS1 Application Identifier is interpreted beyond its raw characters.</summary>
public enum Gs1ValueKind
{
    /// <summary>Kept as text (batch, serial, identifiers such as GTIN or SSCC).</summary>
    Text,

    /// <summary>YYMMDD; DD = 00 means the month only is given.</summary>
    Date,

    /// <summary>A whole number (AI 30, 37).</summary>
    Count,

    /// <summary>A number whose implied decimal places are the AI's last digit (310n, 392n, ...).</summary>
    Number,

    /// <summary>An ISO 4217 numeric currency code (3 digits) then a number with implied decimals (391n, 393n).</summary>
    CurrencyAndNumber,
}
