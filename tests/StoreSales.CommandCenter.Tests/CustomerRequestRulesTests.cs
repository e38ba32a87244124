using StoreSales.CommandCenter.Api;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.CommandCenter.Tests;

public sealed class CustomerRequestRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly CustomerIdentityOptions Identity = new();

    [Fact]
    public void A_rep_s_own_customer_needs_no_owner_and_starts_its_service_today()
    {
        var (customer, errors) = CustomerRequestRules.Create(new CreateCustomerRequest("Member", "王芳", Phone: "138 0013 8000", DepartmentId: " store-sh001 "), "rep-sh001-01", Today, Identity);

        Assert.Empty(errors);
        Assert.Equal("rep-sh001-01", customer!.OwnerRepId);
        Assert.Equal("store-sh001", customer.DepartmentId);
        Assert.Equal(Today, customer.ServiceFrom);
        Assert.Equal(CustomerKind.Member, customer.Identity.Kind);
    }

    [Fact]
    public void Every_refused_field_is_named_in_camel_case()
    {
        var (customer, errors) = CustomerRequestRules.Create(
            new CreateCustomerRequest("shop", "", Phone: "555", CreditCode: "123", ServiceFrom: Today, ServiceTo: Today.AddDays(-1)),
            viewerRepId: null,
            Today,
            Identity);

        Assert.Null(customer);
        Assert.Equal(["kind", "creditCode", "phone", "name", "ownerRepId", "departmentId", "serviceTo"], errors.Keys);
    }

    [Theory]
    [InlineData("call", InteractionKind.Call)]
    [InlineData(" MESSAGE ", InteractionKind.Message)]
    [InlineData("Visit", InteractionKind.Visit)]
    [InlineData("note", InteractionKind.Note)]
    public void An_interaction_kind_is_one_of_four_words_in_any_case(string written, InteractionKind kind)
    {
        var (interaction, errors) = CustomerRequestRules.Interaction(new RecordInteractionRequest(written), "cust-1", "rep-1", Today);

        Assert.Empty(errors);
        Assert.Equal(kind, interaction!.Kind);
    }

    [Theory]
    [InlineData("1")]            // Enum.TryParse would take it: Call
    [InlineData("Call, Note")]   // and this
    [InlineData("phone")]
    [InlineData(null)]
    public void Anything_else_is_an_unknown_kind(string? written)
    {
        var (interaction, errors) = CustomerRequestRules.Interaction(new RecordInteractionRequest(written), "cust-1", "rep-1", Today);

        Assert.Null(interaction);
        Assert.Equal(["kind"], errors.Keys);
    }

    [Fact]
    public void A_next_action_is_due_today_at_the_earliest_and_comes_with_its_date()
    {
        Assert.Empty(CustomerRequestRules.Interaction(new RecordInteractionRequest("call", NextAction: "Call back", NextActionDue: Today), "c", "r", Today).Errors);
        Assert.Equal(["nextActionDue"], CustomerRequestRules.Interaction(new RecordInteractionRequest("call", NextAction: "Call back", NextActionDue: Today.AddDays(-1)), "c", "r", Today).Errors.Keys);
        Assert.Equal(["nextActionDue"], CustomerRequestRules.Interaction(new RecordInteractionRequest("call", NextAction: "Call back"), "c", "r", Today).Errors.Keys);
        Assert.Equal(["nextAction"], CustomerRequestRules.Interaction(new RecordInteractionRequest("call", NextActionDue: Today), "c", "r", Today).Errors.Keys);
    }

    [Fact]
    public void A_merge_needs_another_record_and_a_reason()
    {
        Assert.Equal(["mergedCustomerId", "reason"], CustomerRequestRules.Merge(new MergeCustomersRequest("cust-1", " "), "cust-1").Keys);
        Assert.Empty(CustomerRequestRules.Merge(new MergeCustomersRequest("cust-2", "same phone"), "cust-1"));
    }
}
