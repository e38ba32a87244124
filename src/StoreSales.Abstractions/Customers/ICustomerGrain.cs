using System.Collections.Immutable;
using StoreSales.Abstractions.ContractToCash;

namespace StoreSales.Abstractions.Customers;

/// <summary>
/// A customer's live state and timers (docs/design.md, "Customers hear of what happens"). Key: the customer id of the
/// customer tables (e.g. <c>cus-…</c>; never purely numeric). PostgreSQL stays the source of truth: the grain reads its
/// facts from it on activation, on every notification and on every reminder tick, so a notification lost on the way
/// heals at the next one. It owns the golden-48-hours reminder of the customer's open lead, judges dormancy when the
/// sweep tells it a rung was crossed, and keeps the newest till purchases of its member codes.
/// </summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Something was committed for the customer (a lead assigned, an interaction recorded, a claim, a merge): re-read and re-judge.</summary>
    Task Changed(CustomerChange change);

    /// <summary>
    /// Till sales carrying one of the customer's member codes, already committed to the ledger; each (store, terminal,
    /// sequence) counted once however often it is sent.
    /// </summary>
    Task<PurchasesApplied> ApplyPurchases(ImmutableArray<MemberSale> sales);

    /// <summary>The dormancy sweep saw the customer cross day 30 or day 180: judge now (raises at most once per episode).</summary>
    Task CheckDormancy();

    /// <summary>What the grain knows now: the open lead's due time, the last activity, dormancy, the newest purchases.</summary>
    Task<CustomerLiveFacts> GetLiveFacts();

    /// <summary>The customer's three-way match counts per month, as held (read again when the chain's date moved on).</summary>
    Task<CustomerMatchStatus> GetMatchStatus();

    /// <summary>
    /// A contract or document was committed for the customer (API, page or CSV import): read the match counts again and
    /// tell every command-center host (their boards and contract pages update live).
    /// </summary>
    Task<CustomerMatchStatus> MatchDocumentsRecorded();
}

/// <summary>What was committed for a customer, as the command center tells its grain after the commit.</summary>
public enum CustomerChange
{
    LeadAssigned,
    InteractionRecorded,
    ClaimedFromPool,
    ReleasedToPool,
    Merged,

    /// <summary>Purchases are in the ledger that the grain may not have heard of (a live call failed): re-read them.</summary>
    PurchasesRecorded,

    /// <summary>The nightly grading gave the customer a new grade and health score.</summary>
    Graded,
}
