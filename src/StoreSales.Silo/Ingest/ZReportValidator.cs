using StoreSales.Contracts.Ingest;

namespace StoreSales.Silo.Ingest;

/// <summary>The field rules of a Z report; each error is keyed by the field at fault.</summary>
public static class ZReportValidator
{
    public static Dictionary<string, string[]> Validate(ZReportRecord z)
    {
        var errors = new Dictionary<string, string[]>();
        if (!StoreRequests.IsIdentifier(z.TerminalId))
        {
            errors["terminalId"] = [StoreRequests.IdentifierRule];
        }

        if (z.BusinessDay == default)
        {
            errors["businessDay"] = ["Required: the business day the Z closes (yyyy-MM-dd)."];
        }

        if (z.ClosedAt == default)
        {
            errors["closedAt"] = ["Required: when the till closed the day, with its offset."];
        }

        if (z.ZNumber is { Length: > 64 })
        {
            errors["zNumber"] = ["At most 64 characters."];
        }

        if (z.LastSequence < 0)
        {
            errors["lastSequence"] = ["Must be 0 or more."];
        }

        if (z.Count < 0)
        {
            errors["count"] = ["Must be 0 or more."];
        }

        if (z.Voids < 0)
        {
            errors["voids"] = ["Must be 0 or more."];
        }

        for (var i = 0; i < z.Tenders.Count; i++)
        {
            if (!StoreRequests.IsIdentifier(z.Tenders[i].Method))
            {
                errors[$"tenders[{i}].method"] = [StoreRequests.IdentifierRule];
            }
        }

        if (z.RejectedSequences.Any(s => s < 1 || s > z.LastSequence))
        {
            errors["rejectedSequences"] = ["Each must be between 1 and lastSequence."];
        }

        return errors;
    }
}
