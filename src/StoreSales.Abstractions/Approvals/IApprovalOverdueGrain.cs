namespace StoreSales.Abstractions.Approvals;

/// <summary>
/// The cluster's one overdue check of approval requests (key 0): an Orleans reminder every
/// <c>Approvals:OverdueCheckEvery</c> raises an <c>approval-overdue</c> intervention for each pending request past its
/// due time, once per request.
/// </summary>
public interface IApprovalOverdueGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the reminder exists (at every silo start) and checks at once.</summary>
    Task Start();

    /// <summary>Checks now; the number of requests escalated.</summary>
    Task<int> Check();
}
