namespace StoreSales.Data.Credit;

/// <summary>What keeping one receivable or payment came to; every refusal names why.</summary>
public enum DocumentKept
{
    /// <summary>Kept now.</summary>
    Recorded = 0,

    /// <summary>The same document number with the same figures was already kept: nothing added (a re-import).</summary>
    AlreadyRecorded = 1,

    /// <summary>The document number is kept with other figures: refused, never overwritten.</summary>
    ChangedFigures = 2,

    /// <summary>No customer has the id (or it was merged into another).</summary>
    UnknownCustomer = 3,

    /// <summary>The customer is a member, not a B2B account: credit is for accounts.</summary>
    NotAnAccount = 4,

    /// <summary>A payment applied to a receivable that is not kept for this customer.</summary>
    UnknownReceivable = 5,
}

/// <summary>The rule names of <see cref="DocumentKept"/> in the API, import reports and metrics.</summary>
public static class DocumentKeptNames
{
    public static string Rule(this DocumentKept kept) => kept switch
    {
        DocumentKept.Recorded => "recorded",
        DocumentKept.AlreadyRecorded => "already-recorded",
        DocumentKept.ChangedFigures => "changed-figures",
        DocumentKept.UnknownCustomer => "unknown-customer",
        DocumentKept.NotAnAccount => "not-an-account",
        DocumentKept.UnknownReceivable => "unknown-receivable",
        _ => throw new ArgumentOutOfRangeException(nameof(kept), kept, null),
    };

    /// <summary>The field a refusal is about, as the API names it.</summary>
    public static string Field(this DocumentKept kept) => kept switch
    {
        DocumentKept.ChangedFigures => "documentNo",
        DocumentKept.UnknownCustomer or DocumentKept.NotAnAccount => "customerId",
        DocumentKept.UnknownReceivable => "appliedTo",
        _ => "documentNo",
    };

    /// <summary>The sentence for a refusal.</summary>
    public static string Sentence(this DocumentKept kept, string documentNo, string customerId, string? appliedTo = null) => kept switch
    {
        DocumentKept.ChangedFigures => $"Document '{documentNo}' is already kept with other figures: a document is never changed; the ERP issues a correcting document.",
        DocumentKept.UnknownCustomer => $"There is no customer '{customerId}'.",
        DocumentKept.NotAnAccount => $"Customer '{customerId}' is a member, not a B2B account: credit is kept for accounts only.",
        DocumentKept.UnknownReceivable => $"Receivable '{appliedTo}' is not kept for customer '{customerId}'.",
        _ => $"Document '{documentNo}' kept.",
    };
}
