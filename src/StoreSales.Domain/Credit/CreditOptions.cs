namespace StoreSales.Domain.Credit;

/// <summary>The credit check's settings. Bound from <c>Credit</c>; keys and defaults in docs/domain.md ("Credit hold").</summary>
public sealed record CreditOptions
{
    public const string SectionName = "Credit";

    /// <summary>Days a receivable may be past its due date before it counts as overdue. Default 0: due yesterday is overdue.</summary>
    public int OverdueGraceDays { get; init; }

    /// <summary>
    /// The credit limit of an account nobody has set one for. Default 0: such a customer's orders are held until finance
    /// sets a limit (no shipment on credit nobody granted).
    /// </summary>
    public decimal DefaultLimit { get; init; }

    /// <summary>The currency limits, receivables, payments and orders are kept in; another is refused. Default CNY.</summary>
    public string Currency { get; init; } = "CNY";

    /// <summary>How many of the customer's latest payments go with a hold (the rep's warning, the supervisor's alert). Default 5.</summary>
    public int RecentPayments { get; init; } = 5;

    /// <summary>The most data rows one CSV import takes. Default 10,000.</summary>
    public int ImportMaxRows { get; init; } = 10_000;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (OverdueGraceDays is < 0 or > 365)
        {
            return $"{SectionName}:{nameof(OverdueGraceDays)} must be between 0 and 365 (is {OverdueGraceDays}).";
        }

        if (DefaultLimit < 0)
        {
            return $"{SectionName}:{nameof(DefaultLimit)} must not be negative (is {DefaultLimit}).";
        }

        if (string.IsNullOrWhiteSpace(Currency) || Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper))
        {
            return $"{SectionName}:{nameof(Currency)} must be an ISO 4217 code such as CNY (is \"{Currency}\").";
        }

        if (RecentPayments is < 1 or > 50)
        {
            return $"{SectionName}:{nameof(RecentPayments)} must be between 1 and 50 (is {RecentPayments}).";
        }

        return ImportMaxRows is < 1 or > 1_000_000 ? $"{SectionName}:{nameof(ImportMaxRows)} must be between 1 and 1000000 (is {ImportMaxRows})." : null;
    }
}
