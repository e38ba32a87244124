using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.HotItems;

namespace StoreSales.Grains.Stores;

/// <summary>
/// What a store's board shows besides its figures: the hot items of the last hour, ranked by lift against the store's
/// usual velocity for this hour of the week, and the ticker of the latest sales. Memory only: filled from the ledger's
/// last hour on activation, so a checkpoint stays small.
/// </summary>
internal sealed partial class StoreHotItems(
    string storeId,
    IStoreLedgerReader ledger,
    IChainDirectory directory,
    LiveOptions live,
    HotItemOptions options,
    ILogger logger)
{
    private readonly HotItemWindow _window = new(live.HotItemWindow, live.HotItemBucket);

    // Which terminals move the window at the scan rather than at the sale: each terminal counts by one source only.
    private readonly HotItemSource _source = options.SourceFor(storeId);
    private readonly Dictionary<string, string> _itemNames = new(StringComparer.Ordinal);

    // Per scan-sourced terminal, the last scan sequence the activation read from the ledger: the ApplyScans that woke
    // the store carries scans already written there, and they must not count twice.
    private readonly Dictionary<string, long> _scansLoaded = new(StringComparer.Ordinal);

    // The board's ticker: the latest sales, newest first.
    private readonly List<RecentSale> _recentSales = [];

    // What the store usually sells per item in the current local hour of the week; reloaded when the hour moves on.
    private UsualVelocity _usual = null!;

    public ImmutableArray<RecentSale> RecentSales => [.. _recentSales];

    /// <summary>The usual velocity of this hour and the last hour's item sales (window and ticker).</summary>
    public async Task Load(DateTime localNow, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _usual = await LoadUsualVelocity(localNow, cancellationToken);
        var from = now - _window.Window;
        foreach (var sale in await ledger.ReadSince(storeId, from, from, cancellationToken))
        {
            Add(sale, now);
        }

        var scanSourced = options.ScanSourcedTerminals.GetValueOrDefault(storeId) ?? [];
        var scans = await ledger.ReadScansSince(storeId, scanSourced, from, cancellationToken);
        foreach (var scan in scans)
        {
            Add(scan, now);
        }

        foreach (var scan in scans)
        {
            _scansLoaded[scan.TerminalId] = Math.Max(scan.Sequence, _scansLoaded.GetValueOrDefault(scan.TerminalId));
        }
    }

    /// <summary>A newly recorded scan: into the window when its terminal is scan-sourced and it names an item.</summary>
    public bool Add(StoreScan scan, DateTimeOffset now)
    {
        if (!_source.CountsScan(scan.TerminalId, scan.NamesItem)
            || (_scansLoaded.TryGetValue(scan.TerminalId, out var loaded) && scan.Sequence <= loaded))
        {
            return false;
        }

        _window.Add(scan.Code, HotItemSource.UnitsOf(scan.WeightKg), scan.ScannedAt, now);
        return true;
    }

    /// <summary>A newly counted sale: into the window (unless its terminal counts by its scans) and the ticker.</summary>
    public void Add(StoreSale sale, DateTimeOffset now)
    {
        if (_source.CountsSale(sale.TerminalId))
        {
            foreach (var line in sale.Lines)
            {
                _window.Add(line.ItemCode, line.Quantity, sale.RungUpAt, now);
            }
        }

        Remember(sale);
    }

    /// <summary>Keeps the sale in the ticker if it is among the latest (sales may arrive out of order after an outage).</summary>
    public void Remember(StoreSale sale)
    {
        if (_recentSales.Exists(r => r.TerminalId == sale.TerminalId && r.Sequence == sale.Sequence))
        {
            return;
        }

        var at = _recentSales.FindIndex(r => r.RungUpAt < sale.RungUpAt);
        if (at < 0 && _recentSales.Count >= live.RecentSaleCount)
        {
            return;
        }

        _recentSales.Insert(at < 0 ? _recentSales.Count : at, new RecentSale(sale.TerminalId, sale.Sequence, sale.RungUpAt, sale.Total, sale.Lines.Sum(l => l.Quantity)));
        if (_recentSales.Count > live.RecentSaleCount)
        {
            _recentSales.RemoveAt(_recentSales.Count - 1);
        }
    }

    public void Prune(DateTimeOffset now) => _window.Prune(now);

    /// <summary>
    /// The store's hot list: every item of the window ranked by its lift against the usual velocity of this hour of
    /// the week. The usual velocity is reloaded here, on the first publish or read after the store-local hour changed
    /// (an active store's refresh timer publishes every <see cref="LiveOptions.RefreshInterval"/>): an idle store costs
    /// nothing, and no loop walks all stores on the hour.
    /// </summary>
    public async Task<ImmutableArray<HotItemNow>> Rank(DateTime localNow, DateTimeOffset now)
    {
        if (!_usual.Covers(localNow))
        {
            try
            {
                _usual = await LoadUsualVelocity(localNow, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A board with last hour's baseline beats no board: keep it, and try again on the next publish.
                LogUsualNotLoaded(ex, storeId, _usual.HourStart);
            }
        }

        var ranked = HotItemRanking.Rank(_window.Top(int.MaxValue, now), _usual, _window.Window, live.HotItemCount, options);
        await LoadItemNames(ranked.Select(r => r.ItemCode));
        return [.. ranked.Select(r => new HotItemNow(
            r.ItemCode,
            _itemNames.GetValueOrDefault(r.ItemCode),
            r.Units,
            Round(r.UnitsPerHour),
            r.Lift.Lift,
            Round(r.UsualUnitsPerHour),
            r.Lift.IsHot))];
    }

    private async Task<UsualVelocity> LoadUsualVelocity(DateTime localNow, CancellationToken cancellationToken)
    {
        var usual = await ledger.ReadUsualVelocity(storeId, UsualVelocity.HourOf(localNow), options.UsualWeeks, cancellationToken);
        LogUsualLoaded(storeId, usual.HourStart, usual.ItemCount, usual.WeeksObserved);
        return usual;
    }

    private async Task LoadItemNames(IEnumerable<string> codes)
    {
        var missing = codes.Where(c => !_itemNames.ContainsKey(c)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var names = await directory.GetItemNames(missing, CancellationToken.None);
        foreach (var code in missing)
        {
            // Remember unknown items too, so an uncatalogued code is not looked up on every publish.
            _itemNames[code] = names.GetValueOrDefault(code, code);
        }
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: usual item velocity for the hour from {HourStart} loaded: {Items} items over {Weeks} weeks with sales")]
    private partial void LogUsualLoaded(string storeId, DateTime hourStart, int items, int weeks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: usual item velocity for the new hour could not be read; keeping the one from {HourStart}")]
    private partial void LogUsualNotLoaded(Exception exception, string storeId, DateTime hourStart);
}
