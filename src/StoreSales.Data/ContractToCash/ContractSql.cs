using Dapper;
using Npgsql;
using StoreSales.Domain.ContractToCash;

namespace StoreSales.Data.ContractToCash;

/// <summary>The pieces of SQL the contract book, the document ledger and the readers share.</summary>
internal static class ContractSql
{
    public static string AnchorName(InstalmentAnchor anchor) => anchor == InstalmentAnchor.Shipment ? "shipment" : "signing";

    public static InstalmentAnchor Anchor(string name) => name == "shipment" ? InstalmentAnchor.Shipment : InstalmentAnchor.Signing;

    /// <summary>Null when the customer is a B2B account; else why nothing of contract to cash is kept for it.</summary>
    public static async Task<ContractKept?> CustomerRefusal(NpgsqlConnection connection, NpgsqlTransaction? transaction, string customerId, CancellationToken cancellationToken)
    {
        var kind = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT kind FROM customer WHERE customer_id = @customerId AND merged_into IS NULL",
            new { customerId }, transaction, cancellationToken: cancellationToken));
        return kind switch
        {
            null => ContractKept.UnknownCustomer,
            "account" => null,
            _ => ContractKept.NotAnAccount,
        };
    }

    public static DateTime? Date(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);
}
