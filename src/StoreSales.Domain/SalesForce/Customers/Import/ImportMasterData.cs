using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Customers.Import;

/// <summary>A rep as master data knows them, for judging an import row's owner.</summary>
public sealed record ImportRep(string StoreId, string DepartmentId, bool Active);

/// <summary>
/// The master data an import row is checked against: the reps by id, and the sales teams that exist (the departments
/// reps belong to and the stores' own teams, named by the store id).
/// </summary>
public sealed record ImportMasterData(ImmutableDictionary<string, ImportRep> Reps, ImmutableHashSet<string> Departments);
