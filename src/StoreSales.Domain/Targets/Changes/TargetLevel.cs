namespace StoreSales.Domain.Targets.Changes;

/// <summary>The levels of the target hierarchy that have a monthly target of their own (chain → region → store → rep).</summary>
public enum TargetLevel
{
    Region = 0,
    Store = 1,
    Rep = 2,
}

/// <summary>Where a target change came from, as <c>target_change.source</c> stores it.</summary>
public enum TargetChangeSource
{
    /// <summary>A direct edit before the freeze.</summary>
    Edit = 0,

    /// <summary>The regional manager's calibration of a decomposition proposal (双轨校准).</summary>
    Calibration = 1,

    /// <summary>An approved change request after the freeze.</summary>
    Request = 2,
}

/// <summary>The codes the database, the API and the CSV export use for levels and sources.</summary>
public static class TargetCodes
{
    public static string Of(TargetLevel level) => level switch
    {
        TargetLevel.Region => "region",
        TargetLevel.Store => "store",
        TargetLevel.Rep => "rep",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string Of(TargetChangeSource source) => source switch
    {
        TargetChangeSource.Edit => "edit",
        TargetChangeSource.Calibration => "calibration",
        TargetChangeSource.Request => "request",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static TargetLevel? LevelOf(string? code) => code switch
    {
        "region" => TargetLevel.Region,
        "store" => TargetLevel.Store,
        "rep" => TargetLevel.Rep,
        _ => null,
    };
}
