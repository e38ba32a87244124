using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class ContactMaskTests
{
    [Theory]
    [InlineData("+8613800138000", "+86 138****8000")]   // mainland mobile: operator prefix and last four
    [InlineData("+862161234567", "+86 216***4567")]     // Shanghai landline
    [InlineData("+85291234567", "+852 912*4567")]       // Hong Kong: eight digits
    [InlineData("+441632960961", "+44 163***0961")]
    [InlineData("12345", "***45")]                       // not E.164: last two only
    [InlineData(null, null)]
    [InlineData("", "")]
    public void A_phone_keeps_country_prefix_and_last_four(string? stored, string? masked)
    {
        Assert.Equal(masked, ContactMask.Phone(stored));
    }
}
