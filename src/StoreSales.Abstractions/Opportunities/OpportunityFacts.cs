using System.Collections.Immutable;

namespace StoreSales.Abstractions.Opportunities;

/// <summary>
/// An opportunity as PostgreSQL keeps it (docs/domain.md "Opportunities"): whose it is and where it belongs (the owner's
/// store and region from master data, for scope and alert routing), its stage and when it entered it, its last activity
/// (what ageing counts from), every move, the evidence files' descriptions (never their bytes) and the latest contract
/// entry approval.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OpportunityFacts(
    [property: Id(0)] string OpportunityId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string CustomerName,
    [property: Id(3)] string OwnerRepId,
    [property: Id(4)] string DepartmentId,
    [property: Id(5)] string? OwnerStoreId,
    [property: Id(6)] string? RegionId,
    [property: Id(7)] string ProductLine,
    [property: Id(8)] string Title,
    [property: Id(9)] decimal Amount,
    [property: Id(10)] string Currency,
    [property: Id(11)] string Stage,
    [property: Id(12)] DateTimeOffset StageEnteredAt,
    [property: Id(13)] DateTimeOffset LastActivityAt,
    [property: Id(14)] string? Outcome,
    [property: Id(15)] DateTimeOffset CreatedAt,
    [property: Id(16)] ImmutableArray<OpportunityMoveFact> Moves,
    [property: Id(17)] ImmutableArray<EvidenceFact> Evidence,
    [property: Id(18)] ContractApprovalFact? ContractApproval)
{
    public bool Closed => Outcome is not null;

    /// <summary>A contract entry waiting for the sales director.</summary>
    public bool ApprovalPending => ContractApproval is { Status: "pending" };
}

/// <summary>One stage move as kept: who, when, from (null at creation), to, and the evidence files it rested on.</summary>
[GenerateSerializer, Immutable]
public sealed record OpportunityMoveFact(
    [property: Id(0)] int Seq,
    [property: Id(1)] string? FromStage,
    [property: Id(2)] string ToStage,
    [property: Id(3)] string Actor,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? Note,
    [property: Id(6)] ImmutableArray<long> EvidenceIds);

/// <summary>An evidence file's description: the stage it was uploaded in, which required document it is, its type (read from the bytes) and SHA-256.</summary>
[GenerateSerializer, Immutable]
public sealed record EvidenceFact(
    [property: Id(0)] long EvidenceId,
    [property: Id(1)] string Stage,
    [property: Id(2)] string Requirement,
    [property: Id(3)] string FileName,
    [property: Id(4)] string MediaType,
    [property: Id(5)] int SizeBytes,
    [property: Id(6)] string Sha256,
    [property: Id(7)] string UploadedBy,
    [property: Id(8)] DateTimeOffset UploadedAt);

/// <summary>The latest contract-entry approval of the opportunity: its status (pending, approved, rejected, withdrawn), when it is due, and the decisions so far.</summary>
[GenerateSerializer, Immutable]
public sealed record ContractApprovalFact(
    [property: Id(0)] long ApprovalId,
    [property: Id(1)] string Status,
    [property: Id(2)] string RequestedBy,
    [property: Id(3)] DateTimeOffset RequestedAt,
    [property: Id(4)] DateTimeOffset DueAt,
    [property: Id(5)] ImmutableArray<string> Decisions);
