namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// The result of normalising one identity field: the normalised value, or the failure that names the field.
/// </summary>
public sealed record IdentityCheck
{
    private IdentityCheck(string? value, IdentityFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The normalised value; null when the field was refused.</summary>
    public string? Value { get; }

    /// <summary>Why the field was refused; null when it was accepted.</summary>
    public IdentityFailure? Failure { get; }

    public bool IsValid => Failure is null;

    public static IdentityCheck Valid(string value) => new(value, null);

    public static IdentityCheck Invalid(CustomerField field, IdentityProblem problem, string message) =>
        new(null, new IdentityFailure(field, problem, message));
}
