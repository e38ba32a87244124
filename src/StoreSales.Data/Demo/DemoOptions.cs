using StoreSales.Domain.Demo.SalesForce;

namespace StoreSales.Data.Demo;

/// <summary>
/// <c>Demo</c>: the demo chain deploy/local/up.sh runs. One class for both hosts (each reads the section strictly at start,
/// so a misspelt demo key stops the host as any other does): the silo seeds the chain, its history, customers and
/// opportunities; the command center its staff, a TV's board link and quotes. All off unless set: a production
/// install has no <c>Demo</c> section.
/// </summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>The demo chain's regions, stores, tills and reps (deploy/local/demo-chain.json); the silo seeds it when set.</summary>
    public string? ChainFile { get; set; }

    /// <summary>The demo chain's items (required with <see cref="ChainFile"/>).</summary>
    public string? ItemsFile { get; set; }

    /// <summary>Weeks of past sales written straight into the ledger before the live day (default 4).</summary>
    public int HistoryWeeks { get; set; } = 4;

    /// <summary>Months before those weeks, through the history import once the silo runs (default 13; 0 for none).</summary>
    public int HistoryMonths { get; set; } = 13;

    /// <summary>Customers spread over the reps (default <see cref="DemoCustomerBook.DefaultCount"/>).</summary>
    public int Customers { get; set; } = DemoCustomerBook.DefaultCount;

    /// <summary>Opportunities in every stage, some stalled (default on).</summary>
    public bool Opportunities { get; set; } = true;

    /// <summary>The command center seeds one account per role (default off).</summary>
    public bool SeedStaff { get; set; }

    /// <summary>The README's demo password, the accounts' unless <see cref="StaffPassword"/> says otherwise.</summary>
    public const string DefaultStaffPassword = "Demo-StoreSales-2026";

    /// <summary>Those accounts' password (default: <see cref="DefaultStaffPassword"/>).</summary>
    public string StaffPassword { get; set; } = DefaultStaffPassword;

    /// <summary>The store the store-level accounts run (the first store by id when not set).</summary>
    public string? StaffStore { get; set; }

    /// <summary>Where the command center writes the first store's board sign-in link for a TV (mode 600); none when not set.</summary>
    public string? BoardLinkFile { get; set; }

    /// <summary>The command center seeds quotes in each discount tier (default off).</summary>
    public bool SeedQuotes { get; set; }

    /// <summary>Why the settings cannot be used, or null.</summary>
    public string? Validate() =>
        !string.IsNullOrEmpty(ChainFile) && string.IsNullOrEmpty(ItemsFile) ? $"{SectionName}:{nameof(ItemsFile)} is required with {nameof(ChainFile)}."
        : HistoryWeeks is < 0 or > 52 ? $"{SectionName}:{nameof(HistoryWeeks)} must be between 0 and 52 (is {HistoryWeeks})."
        : HistoryMonths is < 0 or > 36 ? $"{SectionName}:{nameof(HistoryMonths)} must be between 0 and 36 (is {HistoryMonths})."
        : Customers is < 0 or > 1_000_000 ? $"{SectionName}:{nameof(Customers)} must be between 0 and 1000000 (is {Customers})."
        : string.IsNullOrEmpty(StaffPassword) ? $"{SectionName}:{nameof(StaffPassword)} must not be empty."
        : null;
}
