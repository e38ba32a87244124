namespace StoreSales.Domain.Targets;

/// <summary>
/// Where a period's actual stands against what was expected by now.
/// </summary>
/// <param name="Band">The colour shown on the boards.</param>
/// <param name="Direction">Behind or ahead of pace; red behind raises an intervention, red ahead a calibration flag.</param>
/// <param name="Deviation">(actual − expected) / expected, or null while nothing is expected yet.</param>
public sealed record TargetStatus(TargetBand Band, PaceDirection Direction, decimal? Deviation)
{
    public static readonly TargetStatus Pending = new(TargetBand.Pending, PaceDirection.OnPace, null);

    /// <summary>Red and behind: the field supervisor should intervene (督导介入).</summary>
    public bool NeedsIntervention => Band == TargetBand.Red && Direction == PaceDirection.Behind;

    /// <summary>Red and ahead: the target is probably wrong, HQ should recalibrate it.</summary>
    public bool NeedsCalibration => Band == TargetBand.Red && Direction == PaceDirection.Ahead;
}
