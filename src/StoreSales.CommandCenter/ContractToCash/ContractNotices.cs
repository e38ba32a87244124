namespace StoreSales.CommandCenter.ContractToCash;

/// <summary>
/// Tells this host's open contract pages and three-way match boards that a customer's documents changed (null: an
/// import touched several), so they re-read; the board hub passes it on to live clients. Best effort and never throwing.
/// </summary>
public sealed class ContractNotices
{
    public event Action<string?>? CustomerChanged;

    public void Changed(string? customerId)
    {
        try
        {
            CustomerChanged?.Invoke(customerId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A page that failed to re-read is no reason to fail the request that kept the document.
        }
    }
}
