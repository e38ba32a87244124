using System.Text.Json;
using StoreSales.Data.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// What the customer API checks in a request before anything is read or written: each field refused is named, with a
/// sentence for the person who typed it. Identity fields are checked by the Domain's own rules
/// (<see cref="CustomerKeys.Of"/>), so the API refuses exactly what the import and the grains would.
/// </summary>
public static class CustomerRequestRules
{
    /// <summary>Ids (rep, department, customer): longer is no id of ours.</summary>
    public const int MaxIdLength = 100;

    /// <summary>Names and import row keys.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Outcomes, notes, next actions, merge reasons.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The customer to create, or the errors by field.</summary>
    /// <param name="request">As sent.</param>
    /// <param name="viewerRepId">The signed-in rep: the owner when the request names none.</param>
    /// <param name="today">Today in the chain's calendar: the service period's start when the request gives none.</param>
    /// <param name="identity">How identities are normalised.</param>
    public static (NewCustomer? Customer, Dictionary<string, string[]> Errors) Create(CreateCustomerRequest request, string? viewerRepId, DateOnly today, CustomerIdentityOptions identity)
    {
        var errors = new Errors();
        var kindKnown = StoredNames.TryCustomerKind(request.Kind, out var kind);
        if (!kindKnown)
        {
            errors.Add(nameof(request.Kind), string.IsNullOrWhiteSpace(request.Kind)
                ? "The kind is required: member or account."
                : $"'{request.Kind}' is not a customer kind: use member or account.");
        }

        var customer = new CustomerIdentity(kind, request.Name, request.MemberCode, request.Phone, request.CreditCode);
        foreach (var failure in CustomerKeys.Of(customer, identity).Failures)
        {
            errors.Add(failure.Field.ToString(), failure.Message);
        }

        errors.AtMost(nameof(request.Name), request.Name, MaxNameLength);
        var owner = string.IsNullOrWhiteSpace(request.OwnerRepId) ? viewerRepId : request.OwnerRepId.Trim();
        errors.RequiredId(nameof(request.OwnerRepId), owner, "The owner rep is required (a rep creating a customer for themselves may leave it out).");
        errors.RequiredId(nameof(request.DepartmentId), request.DepartmentId?.Trim(), "The department (sales team) is required; a store's own team is the store's id.");
        var from = request.ServiceFrom ?? today;
        if (request.ServiceTo is { } to && to < from)
        {
            errors.Add(nameof(request.ServiceTo), $"The service period cannot end ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
        }

        errors.AtMost(nameof(request.ImportRowKey), request.ImportRowKey, MaxNameLength);
        return errors.Any
            ? (null, errors.ByField)
            : (new NewCustomer(customer, owner!, request.DepartmentId!.Trim(), from, request.ServiceTo, Blank(request.ImportRowKey)), errors.ByField);
    }

    /// <summary>The interaction to record for <paramref name="repId"/>, or the errors by field.</summary>
    public static (NewInteraction? Interaction, Dictionary<string, string[]> Errors) Interaction(RecordInteractionRequest request, string customerId, string repId, DateOnly today)
    {
        var errors = new Errors();
        if (!StoredNames.TryInteractionKind(request.Kind, out var kind))
        {
            errors.Add(nameof(request.Kind), string.IsNullOrWhiteSpace(request.Kind)
                ? "The kind is required: call, visit, message or note."
                : $"'{request.Kind}' is not an interaction kind: use call, visit, message or note.");
        }

        errors.AtMost(nameof(request.Outcome), request.Outcome, MaxTextLength);
        errors.AtMost(nameof(request.Note), request.Note, MaxTextLength);
        errors.AtMost(nameof(request.NextAction), request.NextAction, MaxTextLength);
        var nextAction = Blank(request.NextAction);
        if (nextAction is null && request.NextActionDue is not null)
        {
            errors.Add(nameof(request.NextAction), "A due date needs the next action it is for.");
        }
        else if (nextAction is not null && request.NextActionDue is null)
        {
            errors.Add(nameof(request.NextActionDue), "A next action needs the date it is due by.");
        }
        else if (request.NextActionDue is { } due && due < today)
        {
            errors.Add(nameof(request.NextActionDue), $"The next action's due date {due:yyyy-MM-dd} is in the past (today is {today:yyyy-MM-dd} in the chain's calendar).");
        }

        return errors.Any
            ? (null, errors.ByField)
            : (new NewInteraction(customerId, repId, kind, Blank(request.Outcome), Blank(request.Note), nextAction, request.NextActionDue), errors.ByField);
    }

    /// <summary>The customer and rep of a lead assignment, or the errors by field.</summary>
    public static Dictionary<string, string[]> Lead(AssignLeadRequest request)
    {
        var errors = new Errors();
        errors.RequiredId(nameof(request.CustomerId), request.CustomerId, "The customer to give as a lead is required.");
        errors.RequiredId(nameof(request.RepId), request.RepId, "The rep to give the lead to is required.");
        return errors.ByField;
    }

    /// <summary>The errors by field of a merge into <paramref name="keptId"/>.</summary>
    public static Dictionary<string, string[]> Merge(MergeCustomersRequest request, string keptId)
    {
        var errors = new Errors();
        errors.RequiredId(nameof(request.MergedCustomerId), request.MergedCustomerId, "The customer record to merge into this one is required.");
        if (string.Equals(request.MergedCustomerId, keptId, StringComparison.Ordinal))
        {
            errors.Add(nameof(request.MergedCustomerId), "A customer cannot be merged into itself.");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add(nameof(request.Reason), "Say why the two records are the same customer: the reason is kept with the merge.");
        }

        errors.AtMost(nameof(request.Reason), request.Reason, MaxTextLength);
        return errors.ByField;
    }

    /// <summary>The name a field has in the API's JSON (<c>CreditCode</c> → <c>creditCode</c>): errors and 409s name fields by it.</summary>
    public static string JsonName(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);

    /// <summary>Identity failures as errors by field (for a refusal found after the request's own check, as at import).</summary>
    public static Dictionary<string, string[]> ErrorsOf(IEnumerable<IdentityFailure> failures)
    {
        var errors = new Errors();
        foreach (var failure in failures)
        {
            errors.Add(failure.Field.ToString(), failure.Message);
        }

        return errors.ByField;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Errors keyed by the JSON name of the field (camel case), in the order found.</summary>
    private sealed class Errors
    {
        public Dictionary<string, string[]> ByField { get; } = new(StringComparer.Ordinal);

        public bool Any => ByField.Count > 0;

        public void Add(string property, string message)
        {
            var field = JsonName(property);
            ByField[field] = ByField.TryGetValue(field, out var earlier) ? [.. earlier, message] : [message];
        }

        public void RequiredId(string property, string? value, string missing)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(property, missing);
            }
            else
            {
                AtMost(property, value, MaxIdLength);
            }
        }

        public void AtMost(string property, string? value, int length)
        {
            if (value is not null && value.Length > length)
            {
                Add(property, $"At most {length} characters (has {value.Length}).");
            }
        }
    }
}
