using StoreSales.Domain.SalesForce.Grading;

namespace StoreSales.CommandCenter.SalesForce;

/// <summary>
/// Where the customer page reads a customer's nightly grades and health scores (docs/domain.md "RFM grade", "Customer
/// health"). The page shows its grade section only when a source is registered and it holds grades for the customer.
/// </summary>
public interface ICustomerGradeSource
{
    /// <summary>The customer's graded nights, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CustomerGradeNight>> History(string customerId, int limit, CancellationToken cancellationToken);
}

/// <summary>One night's grading of a customer: its RFM grade and its 0–100 health score.</summary>
public sealed record CustomerGradeNight(DateOnly GradedOn, CustomerGrade Grade, int HealthScore);
