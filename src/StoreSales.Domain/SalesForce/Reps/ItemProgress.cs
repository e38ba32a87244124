namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>Where one lead's response or one follow-up action stands for process health.</summary>
public enum ItemProgress
{
    /// <summary>Not due yet: not counted this week.</summary>
    Pending,

    /// <summary>Done in time: counts for the rep.</summary>
    InTime,

    /// <summary>Not done in time: counts against the rep.</summary>
    Late,
}
