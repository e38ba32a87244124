using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Devices.Till;

/// <summary>What one till line did to the sale being assembled.</summary>
public enum TillLineOutcome
{
    /// <summary>An S line opened a sale.</summary>
    Started,

    /// <summary>An S line arrived while a sale was open: the open one is abandoned, the new one started.</summary>
    AbandonedAndStarted,

    /// <summary>An L line was added to the open sale.</summary>
    LineAdded,

    /// <summary>A T line completed the sale: <see cref="TillLineResult.Sale"/> holds it.</summary>
    Completed,

    /// <summary>An L or T line arrived with no open sale; it is ignored.</summary>
    NoOpenSale,
}

public readonly record struct TillLineResult(TillLineOutcome Outcome, SaleRecord? Sale = null, SaleRecord? Abandoned = null, bool TotalMismatch = false);

/// <summary>
/// Turns a terminal's stream of parsed till lines into sales. Holds at most one open sale.
/// A completed sale has no sequence yet: the outbox assigns it.
/// </summary>
public sealed class SaleAssembler(string terminalId, TimeProvider time)
{
    private TillSaleStart? _open;
    private readonly List<SaleLineRecord> _lines = [];

    /// <summary>True while a sale is between its S and its T line.</summary>
    public bool HasOpenSale => _open is not null;

    public TillLineResult Accept(TillLine line)
    {
        switch (line)
        {
            case TillSaleStart start:
                var abandoned = _open is null ? null : Build(total: _lines.Sum(l => l.Amount), tenders: []);
                _open = start;
                _lines.Clear();
                return abandoned is null
                    ? new TillLineResult(TillLineOutcome.Started)
                    : new TillLineResult(TillLineOutcome.AbandonedAndStarted, Abandoned: abandoned);

            case TillSaleLine item when _open is not null:
                _lines.Add(new SaleLineRecord
                {
                    LineNumber = _lines.Count + 1,
                    ItemCode = item.ItemCode,
                    Quantity = item.Quantity,
                    UnitPrice = item.UnitPrice,
                    Discount = item.Discount,
                    Amount = item.Amount,
                });
                return new TillLineResult(TillLineOutcome.LineAdded);

            case TillSaleTotal total when _open is not null:
                var sale = Build(total.Total, total.Tenders);
                var mismatch = _lines.Sum(l => l.Amount) != total.Total;
                _open = null;
                _lines.Clear();
                return new TillLineResult(TillLineOutcome.Completed, Sale: sale, TotalMismatch: mismatch);

            default:
                return new TillLineResult(TillLineOutcome.NoOpenSale);
        }
    }

    private SaleRecord Build(decimal total, IReadOnlyList<TenderRecord> tenders) => new()
    {
        TerminalId = terminalId,
        Kind = _open!.Kind,
        ReceiptNumber = _open.ReceiptNumber,
        RungUpAt = _open.RungUpAt,
        CapturedAt = time.GetUtcNow(),
        CashierId = _open.CashierId,
        MemberId = _open.MemberId,
        RepId = _open.RepId,
        Total = total,
        Lines = [.. _lines],
        Tenders = tenders,
    };
}
