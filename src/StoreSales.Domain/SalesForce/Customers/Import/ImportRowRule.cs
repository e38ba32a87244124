using System.Globalization;
using StoreSales.Domain.Access;

namespace StoreSales.Domain.SalesForce.Customers.Import;

/// <summary>
/// Judges one CSV row as a create by the importer would be judged (docs/domain.md "Customer import"): the identity by
/// <see cref="CustomerKeys.Of"/>, the owner rep and department against master data, the importer's right to create for
/// that rep by <see cref="CustomerAccessRule.CanCreate"/>, the service period as ISO dates. The first problem found is
/// the row's rejection, naming its column; a row that passes becomes an <see cref="ImportCandidate"/>. Pure: the
/// caller brings the master data and today's date.
/// </summary>
public static class ImportRowRule
{
    /// <summary>Ids (row key, rep, department): the API's limit for ids and names (CustomerRequestRules).</summary>
    public const int MaxIdLength = 200;

    /// <summary>A name: the API's limit.</summary>
    public const int MaxNameLength = 200;

    private const string DateFormat = "yyyy-MM-dd";

    public static (ImportCandidate? Candidate, ImportRejection? Rejection) Check(
        ImportRow row, ViewerScope importer, DateOnly today, CustomerIdentityOptions identity, ImportMasterData master)
    {
        if (row.Problem is { } problem)
        {
            return Reject(ImportColumns.Row, ImportRejection.BadShape, problem);
        }

        if (Blank(row.RowKey) is not { } rowKey)
        {
            return Reject(ImportColumns.RowKey, ImportRejection.Required, "The row key is required: it is how importing the same file again finds this row's customer.");
        }

        if (rowKey.Length > MaxIdLength)
        {
            return Reject(ImportColumns.RowKey, ImportRejection.TooLong, $"At most {MaxIdLength} characters (has {rowKey.Length}).");
        }

        if (Blank(row.Kind) is not { } kindText)
        {
            return Reject(ImportColumns.Kind, ImportRejection.Required, "The kind is required: member or account.");
        }

        if (!TryKind(kindText, out var kind))
        {
            return Reject(ImportColumns.Kind, ImportRejection.Invalid, $"'{kindText}' is not a customer kind: use member or account.");
        }

        if (row.Name is { Length: > MaxNameLength })
        {
            return Reject(ImportColumns.Name, ImportRejection.TooLong, $"At most {MaxNameLength} characters (has {row.Name.Length}).");
        }

        var keys = CustomerKeys.Of(new CustomerIdentity(kind, row.Name, row.MemberCode, row.Phone, row.CreditCode), identity);
        if (!keys.IsValid)
        {
            var failure = keys.Failures[0];
            return Reject(ImportColumns.Of(failure.Field), failure.Problem == IdentityProblem.Missing ? ImportRejection.Required : ImportRejection.Invalid, failure.Message);
        }

        var owner = Blank(row.OwnerRepId) ?? importer.RepId;
        if (owner is null)
        {
            return Reject(ImportColumns.OwnerRepId, ImportRejection.Required, "The owner rep is required.");
        }

        if (!master.Reps.TryGetValue(owner, out var rep))
        {
            return Reject(ImportColumns.OwnerRepId, ImportRejection.UnknownRep, $"There is no rep '{owner}' in master data.");
        }

        if (!rep.Active)
        {
            return Reject(ImportColumns.OwnerRepId, ImportRejection.RepGone, $"Rep '{owner}' has left: a customer needs an owner who serves it.");
        }

        if (Blank(row.DepartmentId) is not { } department)
        {
            return Reject(ImportColumns.DepartmentId, ImportRejection.Required, "The department (sales team) is required; a store's own team is the store's id.");
        }

        if (!master.Departments.Contains(department))
        {
            return Reject(ImportColumns.DepartmentId, ImportRejection.UnknownDepartment, $"There is no sales team '{department}': no rep belongs to it and no store has that id.");
        }

        if (!CustomerAccessRule.CanCreate(importer, owner, department, rep.StoreId))
        {
            return Reject(ImportColumns.OwnerRepId, ImportRejection.NotAllowed, $"You may not create customers for rep '{owner}' in team '{department}': they are outside the teams you lead.");
        }

        if (!TryDate(row.ServiceFrom, today, out var from))
        {
            return Reject(ImportColumns.ServiceFrom, ImportRejection.BadDate, $"'{row.ServiceFrom}' is not a date written {DateFormat}.");
        }

        DateOnly? to = null;
        if (Blank(row.ServiceTo) is { } toText)
        {
            if (!DateOnly.TryParseExact(toText, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                return Reject(ImportColumns.ServiceTo, ImportRejection.BadDate, $"'{toText}' is not a date written {DateFormat}.");
            }

            if (end < from)
            {
                return Reject(ImportColumns.ServiceTo, ImportRejection.BadDate, $"The service period cannot end ({end:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
            }

            to = end;
        }

        return (new ImportCandidate(
            row.RowNumber,
            rowKey,
            kind,
            row.Name!.Trim(),
            CustomerName.Normalize(row.Name, kind).Value!,
            ValueOf(keys, CustomerKeyKind.Phone),
            ValueOf(keys, CustomerKeyKind.CreditCode),
            ValueOf(keys, CustomerKeyKind.MemberCode),
            owner,
            department,
            from,
            to,
            keys.Keys), null);
    }

    private static (ImportCandidate?, ImportRejection?) Reject(string field, string reason, string message) =>
        (null, new ImportRejection(field, reason, message));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? ValueOf(CustomerKeys keys, CustomerKeyKind kind) => keys.Keys.FirstOrDefault(k => k.Kind == kind)?.Value;

    /// <summary>The service period starts today (chain calendar) when the row leaves it empty, as for the API.</summary>
    private static bool TryDate(string? text, DateOnly today, out DateOnly date)
    {
        if (Blank(text) is not { } value)
        {
            date = today;
            return true;
        }

        return DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>The kinds as the API and the database write them (lower-case member, account; any case accepted).</summary>
    private static bool TryKind(string text, out CustomerKind kind)
    {
        foreach (var candidate in Enum.GetValues<CustomerKind>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
