using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Data.Customers;

/// <summary>
/// A customer to create, as entered (API, page or CSV row): its identity fields raw (normalised on the way in), its
/// owner rep, sales team (department) and service period.
/// </summary>
/// <param name="Identity">Kind, name, member code, phone, credit code as typed.</param>
/// <param name="OwnerRepId">The rep who serves it (customer ownership).</param>
/// <param name="DepartmentId">The sales team it belongs to.</param>
/// <param name="ServiceFrom">First day of the service period.</param>
/// <param name="ServiceTo">Last day of the service period; null while open-ended.</param>
/// <param name="ImportRowKey">The import's key of the row it came from; the same key again finds this customer.</param>
public sealed record NewCustomer(
    CustomerIdentity Identity,
    string OwnerRepId,
    string DepartmentId,
    DateOnly ServiceFrom,
    DateOnly? ServiceTo = null,
    string? ImportRowKey = null);
