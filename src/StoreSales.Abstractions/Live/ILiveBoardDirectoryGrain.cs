using System.Collections.Immutable;

namespace StoreSales.Abstractions.Live;

/// <summary>
/// The hosts currently listening for live updates (one per command-center node). Key: 0.
/// Entries expire unless renewed, so a host that died stops receiving without anyone unsubscribing it.
/// </summary>
public interface ILiveBoardDirectoryGrain : IGrainWithIntegerKey
{
    Task Subscribe(ILiveBoardObserver observer);

    Task Unsubscribe(ILiveBoardObserver observer);

    Task<ImmutableArray<ILiveBoardObserver>> GetObservers();
}
