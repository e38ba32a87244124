namespace StoreSales.Domain.SalesForce;

/// <summary>Set membership for <see cref="InteractionKinds"/>.</summary>
public static class InteractionKindSets
{
    /// <summary>Whether the set holds the kind.</summary>
    public static bool Includes(this InteractionKinds set, InteractionKind kind) => ((int)set & (int)kind) != 0;

    /// <summary>Whether the set holds kinds this code does not know (a misspelt or stale configuration value).</summary>
    public static bool HasUnknownKinds(this InteractionKinds set) =>
        (set & ~(InteractionKinds.Call | InteractionKinds.Visit | InteractionKinds.Message | InteractionKinds.Note)) != 0;
}
