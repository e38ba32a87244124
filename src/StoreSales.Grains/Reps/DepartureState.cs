namespace StoreSales.Grains.Reps;

/// <summary>
/// What a departure grain keeps across activations: the conditions raised in this departure's episode, so a restarted
/// or reactivated grain does not raise its overdue alert a second time (once per departure, docs/domain.md).
/// </summary>
[GenerateSerializer]
public sealed class DepartureState
{
    [Id(0)]
    public HashSet<string> Raised { get; set; } = new(StringComparer.Ordinal);
}
