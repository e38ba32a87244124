using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Domain.SalesForce.Grading;

/// <summary>
/// RFM grading, recomputed nightly (02:00): over the last 30 days a customer is A when it meets every A cut-off
/// (recency, orders, amount), else B when it meets every B cut-off, else C. Members and accounts have their own
/// cut-offs. Monotone: more orders, more spent or a more recent order never gives a worse grade (the options
/// refuse A cut-offs laxer than B's). Simple enough to write as one CASE in PostgreSQL for the set-based run.
/// Rule in docs/domain.md ("The sales force").
/// </summary>
public static class RfmGrading
{
    public static CustomerGrade Grade(RfmFigures figures, CustomerKind kind, CustomerGradingOptions options)
    {
        var (a, b) = kind == CustomerKind.Account ? (options.AccountA, options.AccountB) : (options.MemberA, options.MemberB);
        return a.AreMetBy(figures) ? CustomerGrade.A
            : b.AreMetBy(figures) ? CustomerGrade.B
            : CustomerGrade.C;
    }
}
