namespace StoreSales.Domain.ContractToCash;

/// <summary>
/// Contract to cash (合同到回款) and the three-way match: payment terms, tax rate, when an instalment alerts, and the
/// amount difference the match tolerates. Bound from <c>ContractToCash</c>; keys and defaults in docs/domain.md
/// "Contract to cash".
/// </summary>
public sealed class ContractToCashOptions
{
    public const string SectionName = "ContractToCash";

    /// <summary>
    /// Named payment terms (<c>ContractToCash:PaymentTerms:{name}</c>, a list of steps). A name configured here replaces
    /// the built-in one of that name; the built-in set (<see cref="BuiltInTerms"/>) stays for the others.
    /// </summary>
    public Dictionary<string, List<PaymentTermStep>> PaymentTerms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The terms of a contract that names none. Default <c>net30</c>.</summary>
    public string DefaultPaymentTerms { get; set; } = "net30";

    /// <summary>VAT on a contract that gives no rate of its own. Default 0.13 (China's general VAT rate).</summary>
    public decimal TaxRate { get; set; } = 0.13m;

    /// <summary>An unpaid instalment alerts once the customer's local date is this many days past its due date. Default 3.</summary>
    public int OverdueAfterDays { get; set; } = 3;

    /// <summary>An amount difference above this (not at it) is red on the three-way match board. Default 500.</summary>
    public decimal MatchTolerance { get; set; } = 500m;

    /// <summary>How often the overdue sweep looks for overdue instalments (a reminder). Default 15 minutes.</summary>
    public TimeSpan OverdueCheckEvery { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Instalments one sweep raises at most (the next sweep takes the rest). Default 500.</summary>
    public int OverdueBatch { get; set; } = 500;

    /// <summary>The most data rows one CSV import takes. Default 10,000.</summary>
    public int ImportMaxRows { get; set; } = 10_000;

    /// <summary>The largest CSV file the contracts page takes, in bytes. Default 20 MB.</summary>
    public long ImportMaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The most lines one contract has. Default 500.</summary>
    public int MaxContractLines { get; set; } = 500;

    /// <summary>How many months (the current one included) a customer's live match status counts. Default 12.</summary>
    public int LiveMonths { get; set; } = 12;

    /// <summary>
    /// The built-in payment terms: <c>prepaid</c> (100 % at signing), <c>net30</c> and <c>net60</c> (100 % 30 / 60 days
    /// after signing), <c>deposit-30-70</c> (30 % at signing, 70 % 30 days after the first shipment).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<PaymentTermStep>> BuiltInTerms { get; } =
        new Dictionary<string, IReadOnlyList<PaymentTermStep>>(StringComparer.Ordinal)
        {
            ["prepaid"] = [new() { Percent = 100, Anchor = InstalmentAnchor.Signing, Days = 0 }],
            ["net30"] = [new() { Percent = 100, Anchor = InstalmentAnchor.Signing, Days = 30 }],
            ["net60"] = [new() { Percent = 100, Anchor = InstalmentAnchor.Signing, Days = 60 }],
            ["deposit-30-70"] =
            [
                new() { Percent = 30, Anchor = InstalmentAnchor.Signing, Days = 0 },
                new() { Percent = 70, Anchor = InstalmentAnchor.Shipment, Days = 30 },
            ],
        };

    /// <summary>Every term name a contract may take.</summary>
    public IReadOnlyList<string> TermNames => [.. BuiltInTerms.Keys.Union(PaymentTerms.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The steps of the named terms (configured first, else built in), or null for a name nobody defined.</summary>
    public IReadOnlyList<PaymentTermStep>? TermsOf(string name) =>
        PaymentTerms.TryGetValue(name, out var configured) ? configured : BuiltInTerms.GetValueOrDefault(name);

    /// <summary>Days from signing to the last instalment of the default terms: the due date a new invoice is offered.</summary>
    public int DefaultTermDays => TermsOf(DefaultPaymentTerms)?.Max(s => s.Days) ?? 0;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        foreach (var (name, steps) in PaymentTerms)
        {
            if (steps.Count == 0)
            {
                return $"{SectionName}:{nameof(PaymentTerms)}:{name} must have at least one step.";
            }

            if (steps.Any(s => s.Percent <= 0 || decimal.Round(s.Percent, 2) != s.Percent || s.Days is < 0 or > 3650))
            {
                return $"{SectionName}:{nameof(PaymentTerms)}:{name}: each step needs a Percent above 0 (two decimals at most) and Days between 0 and 3650.";
            }

            if (steps.Sum(s => s.Percent) != 100)
            {
                return $"{SectionName}:{nameof(PaymentTerms)}:{name}: the steps' percents must add up to 100 (they add up to {steps.Sum(s => s.Percent)}).";
            }
        }

        if (TermsOf(DefaultPaymentTerms) is null)
        {
            return $"{SectionName}:{nameof(DefaultPaymentTerms)} names no payment terms (is \"{DefaultPaymentTerms}\"; known: {string.Join(", ", TermNames)}).";
        }

        if (TaxRate is < 0 or >= 1)
        {
            return $"{SectionName}:{nameof(TaxRate)} must be from 0 to below 1 (is {TaxRate}).";
        }

        if (OverdueAfterDays is < 0 or > 365)
        {
            return $"{SectionName}:{nameof(OverdueAfterDays)} must be between 0 and 365 (is {OverdueAfterDays}).";
        }

        if (MatchTolerance < 0)
        {
            return $"{SectionName}:{nameof(MatchTolerance)} must not be negative (is {MatchTolerance}).";
        }

        if (OverdueCheckEvery < TimeSpan.FromSeconds(1) || OverdueCheckEvery > TimeSpan.FromDays(1))
        {
            return $"{SectionName}:{nameof(OverdueCheckEvery)} must be between 1 second and 1 day (is {OverdueCheckEvery}).";
        }

        if (OverdueBatch is < 1 or > 100_000)
        {
            return $"{SectionName}:{nameof(OverdueBatch)} must be between 1 and 100000 (is {OverdueBatch}).";
        }

        if (ImportMaxFileBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            return $"{SectionName}:{nameof(ImportMaxFileBytes)} must be between 1024 and 1073741824 (is {ImportMaxFileBytes}).";
        }

        if (MaxContractLines is < 1 or > 10_000)
        {
            return $"{SectionName}:{nameof(MaxContractLines)} must be between 1 and 10000 (is {MaxContractLines}).";
        }

        if (LiveMonths is < 1 or > 120)
        {
            return $"{SectionName}:{nameof(LiveMonths)} must be between 1 and 120 (is {LiveMonths}).";
        }

        return ImportMaxRows is < 1 or > 1_000_000 ? $"{SectionName}:{nameof(ImportMaxRows)} must be between 1 and 1000000 (is {ImportMaxRows})." : null;
    }
}
