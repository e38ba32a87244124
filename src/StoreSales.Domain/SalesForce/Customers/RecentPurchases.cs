namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// A customer's newest till purchases, at most <see cref="Capacity"/>, newest first, each (store, terminal, sequence)
/// once however often it is heard. A purchase older than every one kept, once the list is full, cannot be told apart
/// from one already counted and let go: <see cref="Add"/> answers <see cref="PurchaseHeard.Unsure"/> and the caller asks
/// the ledger, which holds every sale once. Bounded, so a customer's live state stays small (docs/design.md).
/// </summary>
public sealed class RecentPurchases(int capacity)
{
    private readonly List<TillPurchase> _newestFirst = [];

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "At least one.");

    public IReadOnlyList<TillPurchase> NewestFirst => _newestFirst;

    /// <summary>Replaces what is kept with purchases read from the ledger (any order; the newest <see cref="Capacity"/> are kept).</summary>
    public void Reset(IEnumerable<TillPurchase> purchases)
    {
        _newestFirst.Clear();
        _newestFirst.AddRange(purchases.DistinctBy(p => p.Key).OrderByDescending(p => p.RungUpAt).ThenByDescending(p => p.Sequence).Take(Capacity));
    }

    /// <summary>Keeps a purchase heard live; says whether it is new, a repeat, or too old to tell.</summary>
    public PurchaseHeard Add(TillPurchase purchase)
    {
        if (_newestFirst.Any(p => p.Key == purchase.Key))
        {
            return PurchaseHeard.Repeated;
        }

        if (_newestFirst.Count == Capacity && purchase.RungUpAt <= _newestFirst[^1].RungUpAt)
        {
            return PurchaseHeard.Unsure;
        }

        var at = _newestFirst.FindIndex(p => p.RungUpAt < purchase.RungUpAt);
        _newestFirst.Insert(at < 0 ? _newestFirst.Count : at, purchase);
        if (_newestFirst.Count > Capacity)
        {
            _newestFirst.RemoveAt(_newestFirst.Count - 1);
        }

        return PurchaseHeard.New;
    }
}

/// <summary>A till sale carrying the customer's member code (a return is negative).</summary>
public sealed record TillPurchase(string StoreId, string TerminalId, long Sequence, DateTimeOffset RungUpAt, decimal Total)
{
    /// <summary>The sale's identity in the ledger.</summary>
    public (string StoreId, string TerminalId, long Sequence) Key => (StoreId, TerminalId, Sequence);
}

/// <summary>What <see cref="RecentPurchases.Add"/> made of a purchase.</summary>
public enum PurchaseHeard
{
    /// <summary>Not heard before: count it.</summary>
    New,

    /// <summary>Already kept: counted before.</summary>
    Repeated,

    /// <summary>Older than everything kept in a full list: ask the ledger.</summary>
    Unsure,
}
