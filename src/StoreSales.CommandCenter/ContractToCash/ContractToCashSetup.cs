namespace StoreSales.CommandCenter.ContractToCash;

public static class ContractToCashSetup
{
    /// <summary>Contract to cash's desk and page notices (its data and settings come with AddStoreSalesData; its requests are counted with credit's).</summary>
    public static IServiceCollection AddContractToCash(this IServiceCollection services)
    {
        services.AddSingleton<ContractNotices>();
        services.AddSingleton<ContractDesk>();
        return services;
    }
}
