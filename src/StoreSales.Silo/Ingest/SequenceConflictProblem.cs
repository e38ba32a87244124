using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.Sales;

namespace StoreSales.Silo.Ingest;

/// <summary>The 409 of a batch refused for a sequence conflict: the rule, the first terminal and sequence in words, and every conflicting key.</summary>
public static class SequenceConflictProblem
{
    public static IResult Of(IReadOnlyList<SaleKey> conflicts)
    {
        var first = conflicts[0];
        return Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Sequence already used by another sale",
            detail: $"Terminal '{first.TerminalId}' sequence {first.Sequence} ({TerminalEpoch.Describe(first.Sequence)}) is recorded with other content"
                + (conflicts.Count > 1 ? $", and {conflicts.Count - 1} more sale(s) of the batch likewise" : "")
                + ". Nothing of this batch was recorded. A sequence is never reused: send the other sales again without it, and set it aside for the store manager.",
            extensions: new Dictionary<string, object?>
            {
                ["rule"] = AlertConditions.SequenceConflict,
                ["terminalId"] = first.TerminalId,
                ["sequence"] = first.Sequence,
                ["conflicts"] = conflicts.Select(c => new { terminalId = c.TerminalId, sequence = c.Sequence }).ToArray(),
            });
    }
}
