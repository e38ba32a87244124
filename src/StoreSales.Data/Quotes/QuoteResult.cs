using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.Data.Quotes;

/// <summary>The outcome of a change to a quote.</summary>
public abstract record QuoteResult;

/// <summary>The version as it now stands; <see cref="Filed"/> when its submission filed an approval request.</summary>
public sealed record QuoteWritten(QuoteVersionView Quote, bool Filed = false) : QuoteResult;

/// <summary>Refused, nothing changed; the attempt is kept in quote_refusal.</summary>
public sealed record QuoteRefusedResult(QuoteRefused Refused) : QuoteResult;
