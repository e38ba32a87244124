namespace StoreSales.Domain.Access;

/// <summary>
/// The hand-overs a viewer's list shows: all (<see cref="All"/>), else those of departing reps in these regions,
/// stores or departments, and those naming <see cref="SuccessorRepId"/> as a successor.
/// </summary>
public sealed record HandOverScope(bool All, IReadOnlySet<string> Regions, IReadOnlySet<string> Stores, IReadOnlySet<string> Departments, string? SuccessorRepId);
