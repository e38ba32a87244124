namespace StoreSales.Domain.SalesForce.Quotes;

/// <summary>Quotes (docs/domain.md "Quotes"), bound from <c>Quotes</c> and validated at start.</summary>
public sealed record QuotesOptions
{
    public const string SectionName = "Quotes";

    /// <summary>
    /// The secret the verification codes are computed with (HMAC-SHA256 over a version's canonical content); at least 32
    /// characters. No default: every deployment sets its own (appsettings.json carries the local demo's). Changing it
    /// makes every code printed so far read as altered.
    /// </summary>
    public string VerificationKey { get; init; } = "";

    /// <summary>The discount tier matrix (<c>Quotes:Tiers</c>).</summary>
    public QuoteTierOptions Tiers { get; init; } = new();

    /// <summary>How many days a new quote is valid for unless the rep says otherwise. Default 30.</summary>
    public int DefaultValidityDays { get; init; } = 30;

    /// <summary>The longest validity a quote may carry, in days from its making. Default 90.</summary>
    public int MaxValidityDays { get; init; } = 90;

    /// <summary>The most lines one version may carry. Default 50.</summary>
    public int MaxLines { get; init; } = 50;

    /// <summary>
    /// The address the QR code's verification link starts with (e.g. https://sales.example.com), as the customer reaches
    /// the command center. Default empty: the address the request came in on.
    /// </summary>
    public string PublicBaseUrl { get; init; } = "";

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(VerificationKey) || VerificationKey.Length < 32)
        {
            return $"{SectionName}:{nameof(VerificationKey)} must be a secret of at least 32 characters (is {VerificationKey.Length}): the quotes' verification codes are computed with it.";
        }

        if (MaxValidityDays is < 1 or > 366 || DefaultValidityDays < 1 || DefaultValidityDays > MaxValidityDays)
        {
            return $"{SectionName}:{nameof(DefaultValidityDays)} ({DefaultValidityDays}) must be between 1 and {nameof(MaxValidityDays)} ({MaxValidityDays}), which is at most 366.";
        }

        if (MaxLines is < 1 or > 500)
        {
            return $"{SectionName}:{nameof(MaxLines)} must be between 1 and 500 (is {MaxLines}).";
        }

        if (PublicBaseUrl.Length > 0 && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            return $"{SectionName}:{nameof(PublicBaseUrl)} must be an absolute http(s) address or empty (is '{PublicBaseUrl}').";
        }

        return Tiers.Validate($"{SectionName}:{nameof(Tiers)}");
    }
}
