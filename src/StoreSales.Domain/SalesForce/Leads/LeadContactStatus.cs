namespace StoreSales.Domain.SalesForce.Leads;

/// <summary>Where a lead stands against the golden 48 hours.</summary>
public enum LeadContactStatus
{
    /// <summary>No first contact yet, and still inside the window: the rep's board counts down.</summary>
    Waiting,

    /// <summary>No first contact and the window has passed: the rep and their supervisor are reminded.</summary>
    Overdue,

    /// <summary>First contact recorded inside the window.</summary>
    ContactedInTime,

    /// <summary>First contact recorded, but after the window had passed.</summary>
    ContactedLate,
}
