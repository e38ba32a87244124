using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Customers.Import;

/// <summary>
/// The columns of a customer CSV file (docs/domain.md "Customer import"): a header is required, in any order; a
/// column the import does not know is refused rather than ignored, so that nothing a person put in a file is dropped
/// silently. A rejected row names its field by these column names.
/// </summary>
public static class ImportColumns
{
    public const string RowKey = "row_key";
    public const string Kind = "kind";
    public const string Name = "name";
    public const string Phone = "phone";
    public const string CreditCode = "credit_code";
    public const string MemberCode = "member_code";
    public const string OwnerRepId = "owner_rep_id";
    public const string DepartmentId = "department_id";
    public const string ServiceFrom = "service_from";
    public const string ServiceTo = "service_to";

    /// <summary>Names a rejection of the row as a whole (its shape), not of one field.</summary>
    public const string Row = "row";

    /// <summary>Every column, in the order the export writes them.</summary>
    public static readonly ImmutableArray<string> All = [RowKey, Kind, Name, Phone, CreditCode, MemberCode, OwnerRepId, DepartmentId, ServiceFrom, ServiceTo];

    /// <summary>The columns a header must have: the row key makes a re-import find its customers again.</summary>
    public static readonly ImmutableArray<string> Required = [RowKey, Kind, Name, OwnerRepId, DepartmentId];

    /// <summary>The column an identity field is read from.</summary>
    public static string Of(CustomerField field) => field switch
    {
        CustomerField.MemberCode => MemberCode,
        CustomerField.Phone => Phone,
        CustomerField.CreditCode => CreditCode,
        CustomerField.Name => Name,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>What is wrong with a header (each problem a sentence), or an empty list when it will do.</summary>
    public static ImmutableArray<string> CheckHeader(IReadOnlyList<string> header)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in header)
        {
            if (!All.Contains(column))
            {
                problems.Add($"Unknown column '{column}': the columns are {string.Join(", ", All)}.");
            }
            else if (!seen.Add(column))
            {
                problems.Add($"Column '{column}' appears twice.");
            }
        }

        foreach (var column in Required.Where(c => !seen.Contains(c)))
        {
            problems.Add($"Column '{column}' is required.");
        }

        return problems.ToImmutable();
    }
}
