namespace StoreSales.Data.Ledger;

/// <summary>
/// Which queue of the ledger writer a batch waits in. Live sales (what the tills just rang up) go first; a backlog
/// (an agent catching up after an outage) gets a reserved share of every group so it always drains.
/// </summary>
public enum IngestLane
{
    Live,
    CatchUp,
}
