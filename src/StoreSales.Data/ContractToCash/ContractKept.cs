namespace StoreSales.Data.ContractToCash;

/// <summary>What keeping a contract or one of its documents came to; every refusal names why.</summary>
public enum ContractKept
{
    /// <summary>Kept now.</summary>
    Recorded = 0,

    /// <summary>The same number with the same figures was already kept: nothing added (a re-import).</summary>
    AlreadyRecorded = 1,

    /// <summary>A receivable or payment kept without a contract is now linked to the one this copy names.</summary>
    Linked = 2,

    /// <summary>The number is kept with other figures (or another contract): refused, never overwritten.</summary>
    ChangedFigures = 3,

    UnknownCustomer = 4,

    /// <summary>The customer is a member: contracts are for B2B accounts.</summary>
    NotAnAccount = 5,

    /// <summary>No contract of this customer has the number.</summary>
    UnknownContract = 6,

    /// <summary>A sign-off names a shipment that is not kept for its contract.</summary>
    UnknownShipment = 7,

    /// <summary>A payment applied to a receivable not kept for its customer.</summary>
    UnknownReceivable = 8,

    /// <summary>No opportunity of this customer has the id.</summary>
    UnknownOpportunity = 9,

    /// <summary>The opportunity has not reached the contract stage.</summary>
    OpportunityNotAtContract = 10,

    /// <summary>Another contract was already signed from the opportunity.</summary>
    OpportunityHasContract = 11,

    /// <summary>A document names a line its contract does not have.</summary>
    UnknownLine = 12,
}

/// <summary>The rule names, fields and sentences of <see cref="ContractKept"/> in the API, import reports and metrics.</summary>
public static class ContractKeptNames
{
    public static bool IsKept(this ContractKept kept) => kept is ContractKept.Recorded or ContractKept.AlreadyRecorded or ContractKept.Linked;

    public static string Rule(this ContractKept kept) => kept switch
    {
        ContractKept.Recorded => "recorded",
        ContractKept.AlreadyRecorded => "already-recorded",
        ContractKept.Linked => "linked",
        ContractKept.ChangedFigures => "changed-figures",
        ContractKept.UnknownCustomer => "unknown-customer",
        ContractKept.NotAnAccount => "not-an-account",
        ContractKept.UnknownContract => "unknown-contract",
        ContractKept.UnknownShipment => "unknown-shipment",
        ContractKept.UnknownReceivable => "unknown-receivable",
        ContractKept.UnknownOpportunity => "unknown-opportunity",
        ContractKept.OpportunityNotAtContract => "opportunity-not-at-contract",
        ContractKept.OpportunityHasContract => "opportunity-has-contract",
        ContractKept.UnknownLine => "unknown-line",
        _ => throw new ArgumentOutOfRangeException(nameof(kept), kept, null),
    };

    /// <summary>The API field a refusal is about.</summary>
    public static string Field(this ContractKept kept) => kept switch
    {
        ContractKept.UnknownCustomer or ContractKept.NotAnAccount => "customerId",
        ContractKept.UnknownContract => "contractId",
        ContractKept.UnknownShipment => "shipmentNo",
        ContractKept.UnknownReceivable => "appliedTo",
        ContractKept.UnknownLine => "lineNo",
        ContractKept.UnknownOpportunity or ContractKept.OpportunityNotAtContract or ContractKept.OpportunityHasContract => "opportunityId",
        _ => "documentNo",
    };

    public static string Sentence(this ContractKept kept, string number, string customerId, string? other = null) => kept switch
    {
        ContractKept.ChangedFigures => $"'{number}' is already kept with other figures: a document is never changed; the ERP issues a correcting document.",
        ContractKept.UnknownCustomer => $"There is no customer '{customerId}'.",
        ContractKept.NotAnAccount => $"Customer '{customerId}' is a member, not a B2B account: contracts are kept for accounts only.",
        ContractKept.UnknownContract => $"Contract '{other}' is not kept for customer '{customerId}'.",
        ContractKept.UnknownShipment => $"Shipment '{other}' is not kept for this contract.",
        ContractKept.UnknownReceivable => $"Receivable '{other}' is not kept for customer '{customerId}'.",
        ContractKept.UnknownOpportunity => $"Customer '{customerId}' has no opportunity '{other}'.",
        ContractKept.OpportunityNotAtContract => $"Opportunity '{other}' has not reached the contract stage.",
        ContractKept.OpportunityHasContract => $"Opportunity '{other}' already has a contract.",
        ContractKept.UnknownLine => $"Contract '{other}' has no such line.",
        ContractKept.Linked => $"'{number}' is now linked to its contract.",
        _ => $"'{number}' kept.",
    };
}
