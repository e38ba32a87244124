using System.Collections.Immutable;

namespace StoreSales.Domain.Sales.DayEnd;

/// <summary>
/// A terminal's day in the terms of its Z report (日结): the number of sales, their gross, the returns' total (signed
/// as the till writes it), the number of voids, and the takings per tender method. The same shape holds the till's own
/// Z, what the ledger has and what the store grain has counted, so the three compare field by field.
/// </summary>
public sealed record DayFigures(int Count, decimal Gross, decimal Returns, int Voids, ImmutableSortedDictionary<string, decimal> Tenders)
{
    public static DayFigures Empty { get; } = new(0, 0m, 0m, 0, ImmutableSortedDictionary<string, decimal>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>The figures of <paramref name="sales"/>: a sale counts and adds to gross, a return adds to returns, a void counts as a void; every tender adds to its method.</summary>
    public static DayFigures Of(IEnumerable<DayEndSale> sales)
    {
        var count = 0;
        var voids = 0;
        var gross = 0m;
        var returns = 0m;
        var tenders = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        foreach (var sale in sales)
        {
            switch (sale.Kind)
            {
                case SaleKindNames.Sale:
                    count++;
                    gross += sale.Total;
                    break;
                case SaleKindNames.Return:
                    returns += sale.Total;
                    break;
                case SaleKindNames.Void:
                    voids++;
                    break;
            }

            foreach (var tender in sale.Tenders)
            {
                tenders[tender.Method] = tenders.GetValueOrDefault(tender.Method) + tender.Amount;
            }
        }

        return new DayFigures(count, gross, returns, voids, tenders.ToImmutable());
    }

    /// <summary>This minus <paramref name="other"/>, field by field; a tender method either side lacks counts as zero there.</summary>
    public DayFigures Minus(DayFigures other)
    {
        var tenders = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        foreach (var method in Tenders.Keys.Union(other.Tenders.Keys))
        {
            var difference = Tenders.GetValueOrDefault(method) - other.Tenders.GetValueOrDefault(method);
            if (difference != 0)
            {
                tenders[method] = difference;
            }
        }

        return new DayFigures(Count - other.Count, Gross - other.Gross, Returns - other.Returns, Voids - other.Voids, tenders.ToImmutable());
    }

    /// <summary>True when every field is zero to the cent (a difference with nothing in it).</summary>
    public bool IsZero => Count == 0 && Voids == 0 && Gross == 0 && Returns == 0 && Tenders.Values.All(v => v == 0);
}

/// <summary>A sale as day-end reconciliation reads it from the ledger: its terminal sequence, kind, time, total and tenders.</summary>
public sealed record DayEndSale(long Sequence, string Kind, DateTimeOffset RungUpAt, decimal Total, ImmutableArray<DayEndTender> Tenders);

/// <summary>One tender of a sale, or one line of a Z report's takings.</summary>
public sealed record DayEndTender(string Method, decimal Amount);

/// <summary>The sale kinds as the ledger writes them (the wire contract's words).</summary>
public static class SaleKindNames
{
    public const string Sale = "sale";
    public const string Return = "return";
    public const string Void = "void";
}
