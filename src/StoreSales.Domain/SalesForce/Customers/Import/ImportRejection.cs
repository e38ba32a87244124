namespace StoreSales.Domain.SalesForce.Customers.Import;

/// <summary>Why a row was not imported: the column at fault (<see cref="ImportColumns"/>), a reason code and a sentence.</summary>
public sealed record ImportRejection(string Field, string Reason, string Message)
{
    public const string Required = "required";
    public const string Invalid = "invalid";
    public const string TooLong = "too-long";
    public const string UnknownRep = "unknown-rep";
    public const string RepGone = "rep-gone";
    public const string UnknownDepartment = "unknown-department";
    public const string NotAllowed = "not-allowed";
    public const string BadDate = "bad-date";
    public const string BadShape = "bad-shape";
}
