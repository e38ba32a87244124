namespace StoreSales.Abstractions.Customers;

/// <summary>
/// The one dormancy sweep of the cluster (key 0): an Orleans reminder runs it every
/// <c>SalesForce:DormancySweep:Period</c>; it asks PostgreSQL, set-based, which customers crossed day 30 or day 180
/// since the last sweep and tells only those grains. No reminder per customer (docs/design.md).
/// </summary>
public interface IDormancySweepGrain : IGrainWithIntegerKey
{
    /// <summary>Starts the sweep's reminder (idempotent); the silo calls it at start.</summary>
    Task Start();

    /// <summary>Sweeps now (as the reminder does): returns how many customers were told.</summary>
    Task<int> Sweep();
}

/// <summary>Finds, set-based, the customers whose last activity lies in a window (those that crossed a dormancy rung).</summary>
public interface IDormancyCrossings
{
    /// <summary>The customers (not merged) whose last activity, as dormancy counts it, is in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<IReadOnlyList<string>> IdleSince(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>Finds, set-based, the customers whose open lead was assigned in a window: the sweep's safety net for leads.</summary>
public interface IOpenLeads
{
    /// <summary>The customers with a lead still waiting for its first contact, assigned after <paramref name="from"/> and at or before <paramref name="to"/>.</summary>
    Task<IReadOnlyList<string>> AssignedIn(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
