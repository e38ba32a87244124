namespace StoreSales.Domain.Access;

/// <summary>How much of a customer a viewer may see (issue 8, "Ownership and permissions").</summary>
public enum CustomerSight
{
    /// <summary>Not at all: the API answers as if the customer did not exist.</summary>
    Hidden,

    /// <summary>The customer, with contact details masked (a manager of the team, HQ, an administrator).</summary>
    Masked,

    /// <summary>Everything: the owner rep.</summary>
    Full,
}
