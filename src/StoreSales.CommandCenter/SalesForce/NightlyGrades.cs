using StoreSales.Data.Grading;

namespace StoreSales.CommandCenter.SalesForce;

/// <summary>
/// The customer page's grade section reads the nightly grading's history (<see cref="CustomerGrades"/>, one row per
/// customer and graded date), newest first.
/// </summary>
public sealed class NightlyGrades(CustomerGrades grades) : ICustomerGradeSource
{
    public async Task<IReadOnlyList<CustomerGradeNight>> History(string customerId, int limit, CancellationToken cancellationToken)
    {
        var latest = await grades.Latest(customerId, limit, cancellationToken);
        return [.. latest.Select(g => new CustomerGradeNight(g.GradedOn, g.Grade, g.Score))];
    }
}
