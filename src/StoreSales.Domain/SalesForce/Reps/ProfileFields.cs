namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>
/// The fields of a customer profile, as a set: which are filled in, or which make a profile complete
/// (configuration names them: <c>"Name, Phone, Address"</c>).
/// </summary>
[Flags]
public enum ProfileFields
{
    None = 0,
    Name = 1,
    Phone = 2,
    Address = 4,
    Birthday = 8,
    Industry = 16,
    CreditCode = 32,
    ContactPerson = 64,
    ServicePeriod = 128,
}
