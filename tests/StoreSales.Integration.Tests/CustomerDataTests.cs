using Microsoft.Extensions.Options;
using StoreSales.Data.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>The customer stores on a real PostgreSQL: what the database itself holds when callers race or retry.</summary>
public sealed class CustomerDataTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static int _serial;

    private TestDatabase _database = null!;
    private CustomerIntake _intake = null!;
    private LeadBook _leads = null!;
    private InteractionLog _interactions = null!;
    private CustomerMerger _merger = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("customers", seedDemo: false);
        _intake = new CustomerIntake(_database.DataSource, Options.Create(new CustomerIdentityOptions()), TimeProvider.System);
        _leads = new LeadBook(_database.DataSource, TimeProvider.System);
        _interactions = new InteractionLog(_database.DataSource, Options.Create(new GoldenHoursOptions()), TimeProvider.System);
        _merger = new CustomerMerger(_database.DataSource, TimeProvider.System);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_likely_duplicate_is_rolled_back_whole_and_names_the_strongest_matching_key()
    {
        var creditCode = CreditCode();
        var first = Assert.IsType<CustomerCreated>(await _intake.Create(Account("杭州云杉科技有限公司", creditCode: creditCode), Cancellation));

        // Same name (an account's name is a key) and same credit code: the credit code is the stronger key.
        var phone = Phone();
        var again = await _intake.Create(Account("杭州云杉科技股份有限公司", phone: phone, creditCode: creditCode), Cancellation);

        var duplicate = Assert.IsType<CustomerLikelyDuplicate>(again);
        Assert.Equal(first.CustomerId, duplicate.ExistingCustomerId);
        Assert.Equal(CustomerKeyKind.CreditCode, duplicate.MatchedBy);
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM customer"));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM customer_key WHERE key = @key", new { key = "phone:" + phone }));
    }

    [Fact]
    public async Task Invalid_identity_fields_are_refused_each_by_name_and_nothing_is_written()
    {
        var refused = await _intake.Create(Account(" ", phone: "12345", creditCode: "91350100M000100Y4XX"), Cancellation);

        var failures = Assert.IsType<CustomerIdentityRefused>(refused).Failures;
        Assert.Equal(new[] { CustomerField.CreditCode, CustomerField.Phone, CustomerField.Name }, failures.Select(f => f.Field));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM customer"));
    }

    [Fact]
    public async Task The_same_import_row_sent_ten_times_at_once_makes_one_customer()
    {
        var row = Account("Ningbo Harbour Supplies Co., Ltd.", phone: Phone()) with { ImportRowKey = "erp-export.csv#17" };

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _intake.Create(row, Cancellation)));

        var created = Assert.IsType<CustomerCreated>(Assert.Single(results, r => r is CustomerCreated));
        Assert.All(results.Where(r => r is not CustomerCreated), r => Assert.Equal(created.CustomerId, Assert.IsType<CustomerAlreadyImported>(r).CustomerId));
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM customer"));
        Assert.Equal(2, await _database.Count("SELECT count(*) FROM customer_key"));
    }

    /// <summary>The lead's rep also becomes the customer's owner (created for rep-owner).</summary>
    [Fact]
    public async Task Only_the_lead_s_own_rep_closes_it_and_only_with_a_first_contact_kind()
    {
        var customer = Assert.IsType<CustomerCreated>(await _intake.Create(Member("刘洋", Phone()), Cancellation)).CustomerId;
        var lead = Assert.IsType<LeadAssigned>(await _leads.Assign(customer, "rep-a", Cancellation)).Lead;

        var byOtherRep = await _interactions.Record(new NewInteraction(customer, "rep-b", InteractionKind.Call), Cancellation);
        var visit = await _interactions.Record(new NewInteraction(customer, "rep-a", InteractionKind.Visit), Cancellation);
        var message = await _interactions.Record(new NewInteraction(customer, "rep-a", InteractionKind.Message, NextAction: "Send the catalogue", NextActionDue: Today), Cancellation);
        var laterCall = await _interactions.Record(new NewInteraction(customer, "rep-a", InteractionKind.Call), Cancellation);

        Assert.False(byOtherRep!.FirstContactOfLead);
        Assert.False(visit!.FirstContactOfLead);        // a visit is no first contact unless configured
        Assert.True(message!.FirstContactOfLead);
        Assert.False(laterCall!.FirstContactOfLead);    // the lead was closed by the message
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM lead WHERE lead_id = @id AND first_contact_at = @at", new { id = lead.LeadId, at = message.At.UtcDateTime }));
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM customer WHERE customer_id = @customer AND owner_rep_id = 'rep-a'", new { customer }));
        Assert.Null(await _interactions.Record(new NewInteraction("cust-nobody", "rep-a", InteractionKind.Call), Cancellation));
    }

    [Fact]
    public async Task A_merge_is_refused_while_both_records_have_an_open_lead_and_changes_nothing()
    {
        var kept = Assert.IsType<CustomerCreated>(await _intake.Create(Member("高峰", Phone()), Cancellation)).CustomerId;
        var merged = Assert.IsType<CustomerCreated>(await _intake.Create(Member("高峰", Phone()), Cancellation)).CustomerId;
        Assert.IsType<LeadAssigned>(await _leads.Assign(kept, "rep-a", Cancellation));
        Assert.IsType<LeadAssigned>(await _leads.Assign(merged, "rep-b", Cancellation));

        var refused = await _merger.Merge(kept, merged, "admin", "same person", Cancellation);

        Assert.IsType<MergeRefusedBothLeadsOpen>(refused);
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM customer_key WHERE customer_id = @merged", new { merged }));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM customer_merge"));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM customer WHERE merged_into IS NOT NULL"));
    }

    [Fact]
    public async Task Records_merged_twice_point_straight_at_the_customer_they_ended_in()
    {
        var first = Assert.IsType<CustomerCreated>(await _intake.Create(Member("许晴", Phone()) with { ImportRowKey = "pos-members#1" }, Cancellation)).CustomerId;
        var second = Assert.IsType<CustomerCreated>(await _intake.Create(Member("许晴", Phone()), Cancellation)).CustomerId;
        var last = Assert.IsType<CustomerCreated>(await _intake.Create(Member("许晴", Phone()), Cancellation)).CustomerId;
        Assert.IsType<CustomersMerged>(await _merger.Merge(second, first, "admin", "same phone owner", Cancellation));

        var merged = Assert.IsType<CustomersMerged>(await _merger.Merge(last, second, "admin", "same card", Cancellation));

        Assert.Equal(2, merged.KeysMoved);
        Assert.Equal(2, await _database.Count("SELECT count(*) FROM customer WHERE merged_into = @last", new { last }));
        Assert.Equal(3, await _database.Count("SELECT count(*) FROM customer_key WHERE customer_id = @last", new { last }));
        var reimport = await _intake.Create(Member("许晴", Phone()) with { ImportRowKey = "pos-members#1" }, Cancellation);
        Assert.Equal(last, Assert.IsType<CustomerAlreadyImported>(reimport).CustomerId);
        Assert.IsType<LeadCustomerUnknown>(await _leads.Assign(first, "rep-a", Cancellation));
        Assert.IsType<MergeCustomerUnknown>(await _merger.Merge(last, first, "admin", "again", Cancellation));
    }

    private static NewCustomer Member(string name, string phone) =>
        new(new CustomerIdentity(CustomerKind.Member, name, Phone: phone), "rep-owner", "store-sh001", Today);

    private static NewCustomer Account(string name, string? phone = null, string? creditCode = null) =>
        new(new CustomerIdentity(CustomerKind.Account, name, Phone: phone, CreditCode: creditCode), "rep-a", "dept-b2b", Today);

    private static string Phone() => $"+86137{Interlocked.Increment(ref _serial):D8}";

    private static string CreditCode()
    {
        var first17 = $"91330100MA2{Interlocked.Increment(ref _serial):D6}";
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }
}
