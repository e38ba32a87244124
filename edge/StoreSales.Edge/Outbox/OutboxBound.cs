using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Contracts.Health;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Configuration;

namespace StoreSales.Edge.Outbox;

/// <summary>How full the outbox is against <see cref="AgentOptions.OutboxMaxBytes"/>.</summary>
public enum OutboxFillState
{
    Ok,

    /// <summary>At or past <see cref="AgentOptions.OutboxNearFullRatio"/> of the bound.</summary>
    NearFull,

    /// <summary>Past the bound: still written, reported loudly.</summary>
    OverBound,
}

/// <summary>The outbox's size against its bound at one moment.</summary>
public sealed record OutboxFill(long Bytes, long MaxBytes, OutboxFillState State, long WritesPastBound)
{
    /// <summary>The state as the heartbeat carries it: <c>ok</c>, <c>near-full</c> or <c>over-bound</c>.</summary>
    public string WireState => State switch
    {
        OutboxFillState.NearFull => OutboxStates.NearFull,
        OutboxFillState.OverBound => OutboxStates.OverBound,
        _ => OutboxStates.Ok,
    };
}

/// <summary>
/// The sale sink the devices write to: the outbox, watched against its disk bound. A till sale is never refused or
/// dropped because the disk bound is reached (losing a sale is worse than a full disk warning); past the bound each
/// write is counted, logged as an error now and then, and the heartbeat says <c>over-bound</c> so the server raises
/// an intervention before the disk itself is full.
/// </summary>
public sealed partial class OutboxBound(SqliteOutbox outbox, IOptions<AgentOptions> agent, ILogger<OutboxBound> logger) : ISaleSink
{
    /// <summary>One error line per this many writes past the bound: loud, but not a log that fills the disk itself.</summary>
    private const int LogEveryWritesPastBound = 100;

    private long _writesPastBound;
    private OutboxFillState _lastState = OutboxFillState.Ok;
    private readonly Lock _gate = new();

    /// <summary>The outbox's fill now.</summary>
    public OutboxFill Fill()
    {
        var options = agent.Value;
        var bytes = outbox.Database.UsedBytes;
        var state = bytes > options.OutboxMaxBytes ? OutboxFillState.OverBound
            : bytes >= options.OutboxMaxBytes * options.OutboxNearFullRatio ? OutboxFillState.NearFull
            : OutboxFillState.Ok;
        return new OutboxFill(bytes, options.OutboxMaxBytes, state, Interlocked.Read(ref _writesPastBound));
    }

    public long Append(SaleRecord sale)
    {
        var sequence = outbox.Queue.Append(sale);
        var fill = Fill();
        var storeId = agent.Value.StoreId;
        lock (_gate)
        {
            if (fill.State == OutboxFillState.OverBound)
            {
                var past = Interlocked.Increment(ref _writesPastBound);
                if (past == 1 || past % LogEveryWritesPastBound == 0)
                {
                    LogPastBound(logger, storeId, sale.TerminalId, sequence, fill.Bytes, fill.MaxBytes, past);
                }
            }
            else if (fill.State == OutboxFillState.NearFull && _lastState == OutboxFillState.Ok)
            {
                LogNearFull(logger, storeId, fill.Bytes, fill.MaxBytes, agent.Value.OutboxNearFullRatio);
            }
            else if (fill.State == OutboxFillState.Ok && _lastState != OutboxFillState.Ok)
            {
                LogBackUnder(logger, storeId, fill.Bytes, fill.MaxBytes);
            }

            _lastState = fill.State;
        }

        return sequence;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId} terminal {TerminalId} sequence {Sequence}: the outbox holds {Bytes} bytes, past its bound of {MaxBytes} (Agent:OutboxMaxBytes); the sale is kept anyway ({Past} writes past the bound). Restore the connection to the server or free disk space")]
    private static partial void LogPastBound(ILogger logger, string storeId, string terminalId, long sequence, long bytes, long maxBytes, long past);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: the outbox is near full: {Bytes} of {MaxBytes} bytes (Agent:OutboxNearFullRatio {Ratio}); sales keep being written")]
    private static partial void LogNearFull(ILogger logger, string storeId, long bytes, long maxBytes, double ratio);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId}: the outbox is back under its near-full mark: {Bytes} of {MaxBytes} bytes")]
    private static partial void LogBackUnder(ILogger logger, string storeId, long bytes, long maxBytes);
}
