namespace StoreSales.Abstractions.Grading;

/// <summary>
/// The chain's nightly grading (docs/domain.md, "RFM grade" and "Customer health"): one grain (key 0) whose Orleans
/// reminder checks the clock and, once per chain date after <c>SalesForce:Grading:NightlyAt</c>, has PostgreSQL grade
/// every customer set-based, then tells the owners of customers whose health dropped through the intervention inbox.
/// </summary>
public interface INightlyGradingGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder (idempotent: the silo calls it at every start).</summary>
    Task Start();

    /// <summary>
    /// Grades now when a date is due and not graded yet (what the reminder does); otherwise does nothing. Returns the
    /// run it started or found under way, or the last finished one.
    /// </summary>
    Task<NightlyGradingStatus> RunIfDue();

    /// <summary>The last run: started, finished, how many customers and drops.</summary>
    Task<NightlyGradingStatus> GetStatus();
}
