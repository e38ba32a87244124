namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// One deduplication key of a customer. <see cref="Text"/> (<c>phone:+8613800138000</c>) is what the Data layer
/// stores and looks up: one key, one customer.
/// </summary>
public sealed record CustomerKey(CustomerKeyKind Kind, string Value)
{
    public string Text => $"{Prefix(Kind)}:{Value}";

    public override string ToString() => Text;

    private static string Prefix(CustomerKeyKind kind) => kind switch
    {
        CustomerKeyKind.MemberCode => "member",
        CustomerKeyKind.Phone => "phone",
        CustomerKeyKind.CreditCode => "uscc",
        CustomerKeyKind.Name => "name",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
