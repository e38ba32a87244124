namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>Where a customer's hand-over stands.</summary>
public enum HandOverStatus
{
    /// <summary>Not completed, still inside its window.</summary>
    Open,

    /// <summary>Not completed and past its due time: the supervisor is alerted.</summary>
    Overdue,

    /// <summary>Completed inside its window.</summary>
    HandedOver,

    /// <summary>Completed after its due time.</summary>
    HandedOverLate,
}
