using Bunit;
using StoreSales.CommandCenter.Api;
using StoreSales.CommandCenter.Components.SalesForce;
using StoreSales.Data.Customers;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// The customer page's phone (docs/domain.md "Customer access"): the owner rep sees it in full and can call it; a
/// manager or HQ sees it masked, says so, and gets no number to dial. The answer is built as the API builds it.
/// </summary>
public sealed class ContactPhoneTests : BoardComponentContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void The_owner_rep_sees_the_full_number_and_can_call_it()
    {
        var phone = Render<ContactPhone>(p => p.Add(x => x.Customer, Answer(CustomerSight.Full, "+8613800138000")));

        var shown = phone.Find("[data-testid=phone]");
        Assert.Equal("+8613800138000", shown.TextContent.Trim());
        Assert.Equal("false", shown.GetAttribute("data-masked"));
        Assert.Equal("tel:+8613800138000", phone.Find("a[data-testid=phone]").GetAttribute("href"));
        Assert.Empty(phone.FindAll("[data-testid=contact-masked]"));
    }

    [Fact]
    public void Anyone_else_sees_it_masked_labelled_and_not_callable()
    {
        var phone = Render<ContactPhone>(p => p.Add(x => x.Customer, Answer(CustomerSight.Masked, "+8613800138000")));

        var shown = phone.Find("[data-testid=phone]");
        Assert.Equal("+86 138****8000", shown.TextContent.Trim());
        Assert.Equal("true", shown.GetAttribute("data-masked"));
        Assert.DoesNotContain("13800138000", phone.Markup, StringComparison.Ordinal);
        Assert.Empty(phone.FindAll("a[href^='tel:']"));
        Assert.Contains("Masked", phone.Find("[data-testid=contact-masked]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_customer_without_a_phone_says_so()
    {
        var phone = Render<ContactPhone>(p => p.Add(x => x.Customer, Answer(CustomerSight.Full, null)));

        Assert.Equal("No phone", phone.Find("[data-testid=phone]").TextContent.Trim());
    }

    private static CustomerAnswer Answer(CustomerSight sight, string? phone) => CustomerAnswer.Of(
        new CustomerRecord("cust-1", CustomerKind.Member, "刘洋", phone, null, null, "rep-sh001-01", "store-sh001",
            new DateOnly(2026, 12, 1), null, Now, Now, null, null),
        sight,
        Now,
        new GoldenHoursOptions());
}
