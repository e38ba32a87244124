namespace StoreSales.Abstractions.ContractToCash;

/// <summary>
/// The cluster's one overdue sweep of contract instalments (key 0): an Orleans reminder every
/// <c>ContractToCash:OverdueCheckEvery</c> raises <c>instalment-overdue</c> for the owner rep and finance for each open
/// instalment <c>ContractToCash:OverdueAfterDays</c> past due in its customer's time zone, once per instalment.
/// </summary>
public interface IInstalmentOverdueGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the reminder exists (at every silo start) and sweeps at once.</summary>
    Task Start();

    /// <summary>Sweeps now; the number of instalments alerted.</summary>
    Task<int> Sweep();
}
