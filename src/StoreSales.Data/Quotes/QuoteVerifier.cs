using Microsoft.Extensions.Options;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.Data.Quotes;

/// <summary>
/// The public verification of a code (<c>/verify/{code}</c>, docs/domain.md "Quotes"): the version it names, recomputed
/// from the stored rows and compared with the code it was issued with (<see cref="QuoteSeal.Verify"/>).
/// </summary>
public sealed class QuoteVerifier(QuoteReader reader, IOptions<QuotesOptions> options)
{
    /// <summary>The verdict, and the version when the code names one (shown only when verified).</summary>
    public async Task<QuoteVerification> Verify(string code, CancellationToken cancellationToken)
    {
        if (!QuoteSeal.TryParse(code, out var number, out var version))
        {
            return new QuoteVerification(QuoteVerdict.Unknown, null);
        }

        var stored = await reader.Find(number, version, cancellationToken);
        var verdict = QuoteSeal.Verify(options.Value.VerificationKey, code, stored?.SealContent, stored?.VerificationCode);
        return new QuoteVerification(verdict, verdict == QuoteVerdict.Verified ? stored : null);
    }
}

/// <summary>A code's verdict and, when verified, its version.</summary>
public sealed record QuoteVerification(QuoteVerdict Verdict, QuoteVersionView? Quote);
