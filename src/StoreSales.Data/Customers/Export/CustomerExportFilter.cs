namespace StoreSales.Data.Customers.Export;

/// <summary>Which customers an export asks for (each null: any). Written into the audit as it was asked.</summary>
/// <param name="DepartmentId">One sales team.</param>
/// <param name="OwnerRepId">One owner rep.</param>
/// <param name="Kind"><c>member</c> or <c>account</c>, as stored.</param>
public sealed record CustomerExportFilter(string? DepartmentId = null, string? OwnerRepId = null, string? Kind = null);
