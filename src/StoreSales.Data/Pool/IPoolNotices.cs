using StoreSales.Abstractions.Live;

namespace StoreSales.Data.Pool;

/// <summary>
/// Told, after the commit, of every customer that entered or left the public pool, by whatever moved it (the release,
/// a claim, a lead given to a rep): the command center passes it on to the open pool pages. Best effort and never
/// throwing: the change is committed whether or not anyone hears of it, and a page re-reads on its next notice.
/// </summary>
public interface IPoolNotices
{
    void Changed(IReadOnlyList<PoolChange> changes);
}
