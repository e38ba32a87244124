using StoreSales.Abstractions.Live;

namespace StoreSales.Grains.Live;

/// <summary>
/// The hosts listening for live updates, as last written (state name "directory"): read back when the directory activates
/// on another silo after the one that held it died, so boards do not wait for their host's next renewal.
/// </summary>
[GenerateSerializer]
public sealed class LiveBoardDirectoryState
{
    [Id(0)] public List<ILiveBoardObserver> Observers { get; set; } = [];
}
