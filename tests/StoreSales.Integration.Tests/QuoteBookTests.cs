using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using StoreSales.Data.Approvals;
using StoreSales.Data.Customers;
using StoreSales.Data.Quotes;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Quotes;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// Quotes on a real PostgreSQL: submitting within the rep's authority approves at once; beyond it files the tier's
/// approval, which the submitter may not decide and which legal and finance approve in any order; a submitted version is
/// never edited (refused, kept, and refused again by the database itself); a new version supersedes the old and withdraws
/// its approval; a row altered behind the application's back no longer verifies.
/// </summary>
public sealed class QuoteBookTests : IAsyncLifetime
{
    private const string Rep = "rep-sh001-01";           // a senior rep: 10 % of their own
    private static readonly IReadOnlySet<string> Legal = new HashSet<string> { ChainRoles.Legal };
    private static readonly IReadOnlySet<string> Finance = new HashSet<string> { ChainRoles.Finance };
    private static readonly IReadOnlySet<string> Director = new HashSet<string> { ChainRoles.SalesDirector };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private ApprovalBook _approvals = null!;
    private QuoteReader _reader = null!;
    private QuoteBook _book = null!;
    private QuoteVerifier _verifier = null!;
    private QuoteOpportunity _opportunity = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("quotes");
        var options = Options.Create(new QuotesOptions { VerificationKey = "integration-test-key-0123456789abcdef" });
        _approvals = new ApprovalBook(_database.DataSource, [new QuoteOutcome()], _clock, Microsoft.Extensions.Options.Options.Create(new StoreSales.Domain.Approvals.ApprovalOptions()), NullLogger<ApprovalBook>.Instance);
        _reader = new QuoteReader(_database.DataSource, _approvals);
        _book = new QuoteBook(_database.DataSource, _approvals, _reader, new ChainToday(_clock, Options.Create(new ChainCalendarOptions())), _clock, options, NullLogger<QuoteBook>.Instance);
        _verifier = new QuoteVerifier(_reader, options);
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(
            """
            INSERT INTO item (item_code, name, unit_price, unit_cost) VALUES ('md-glucose', '血糖仪 GM-300', 299.00, 180.00), ('md-strips', 'Test strips ×50', 19.99, NULL);
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
            VALUES ('cust-q-1', 'account', '上海瑞康医疗器械有限公司', '上海瑞康医疗器械', 'rep-sh001-01', 'dept-east-retail', '2026-01-01', now(), now());
            INSERT INTO opportunity (opportunity_id, customer_id, owner_rep_id, department_id, product_line, title, amount, stage, stage_entered_at, last_activity_at, created_by, created_at, updated_at)
            VALUES ('opp-q-1', 'cust-q-1', 'rep-sh001-01', 'dept-east-retail', 'medical-devices', 'Glucose meters for 12 clinics', 120000, 'quote', now(), now(), 'sh001.rep', now(), now());
            """);
        _opportunity = (await _reader.Opportunity("opp-q-1", Cancellation))!;
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void The_opportunity_is_read_with_its_reps_level_store_and_region() =>
        Assert.Equal(("senior", "store-sh001", "region-east", "上海瑞康医疗器械有限公司"), (_opportunity.RepLevel, _opportunity.OwnerStoreId, _opportunity.RegionId, _opportunity.CustomerName));

    [Fact]
    public async Task A_discount_within_the_reps_authority_is_approved_at_once_without_a_request()
    {
        var draft = await Draft(10m);

        var submitted = Assert.IsType<QuoteWritten>(await _book.Submit(draft, "sh001.rep", Cancellation));

        Assert.Equal(QuoteStatus.Approved, submitted.Quote.Status);
        Assert.Equal(QuoteTier.Rep, submitted.Quote.Tier);
        Assert.False(submitted.Filed);
        Assert.Null(submitted.Quote.Approval);
        Assert.Equal(2691.00m, submitted.Quote.NetTotal);    // 10 × 299.00 × 0.90
    }

    [Fact]
    public async Task A_top_tier_quote_waits_for_legal_and_finance_in_any_order_and_never_for_its_submitter()
    {
        var draft = await Draft(25m);

        var submitted = Assert.IsType<QuoteWritten>(await _book.Submit(draft, "sh001.rep", Cancellation));
        var request = submitted.Quote.Approval!;
        Assert.Equal(QuoteStatus.Submitted, submitted.Quote.Status);
        Assert.Equal([ChainRoles.Legal, ChainRoles.Finance], request.RequiredRoles);
        Assert.Equal(("cust-q-1", "dept-east-retail", "region-east", 2242.50m), (request.CustomerId, request.DepartmentId, request.RegionId, request.Amount));
        Assert.Equal(_clock.GetUtcNow().AddDays(1), request.DueAt);
        using (var summary = System.Text.Json.JsonDocument.Parse(request.SummaryJson))
        {
            Assert.True(summary.RootElement.GetProperty("marginKnown").GetBoolean());
            Assert.Equal(442.50m, summary.RootElement.GetProperty("margin").GetDecimal());   // 2242.50 − 10 × 180.00
            Assert.Equal("legal-finance", summary.RootElement.GetProperty("tier").GetString());
            Assert.Equal(25m, summary.RootElement.GetProperty("lines")[0].GetProperty("discountPercent").GetDecimal());
        }

        // The submitter holds the finance role too, say: still nobody approves their own request.
        var own = Assert.IsType<ApprovalRefusedResult>(await _approvals.Decide(request.ApprovalId, true, "fine", "sh001.rep", Finance, Cancellation));
        Assert.Equal(ApprovalRefusal.OwnRequest, own.Refused.Refusal);

        Assert.IsType<ApprovalDecided>(await _approvals.Decide(request.ApprovalId, true, "Terms checked", "finance", Finance, Cancellation));
        Assert.Equal(QuoteStatus.Submitted, (await _reader.Find(draft.QuoteNumber, 1, Cancellation))!.Status);
        Assert.IsType<ApprovalDecided>(await _approvals.Decide(request.ApprovalId, true, "Contract clauses standard", "legal", Legal, Cancellation));

        var approved = (await _reader.Find(draft.QuoteNumber, 1, Cancellation))!;
        Assert.Equal(QuoteStatus.Approved, approved.Status);
        Assert.Equal(["finance", "legal"], approved.Approval!.Decisions.Select(d => d.DecidedBy));
    }

    [Fact]
    public async Task A_director_rejection_rejects_the_middle_tier_version()
    {
        var draft = await Draft(15m);
        var request = Assert.IsType<QuoteWritten>(await _book.Submit(draft, "sh001.rep", Cancellation)).Quote.Approval!;
        Assert.Equal([ChainRoles.SalesDirector], request.RequiredRoles);

        await _approvals.Decide(request.ApprovalId, false, "Margin too thin for this account", "east.director", Director, Cancellation);

        Assert.Equal(QuoteStatus.Rejected, (await _reader.Find(draft.QuoteNumber, 1, Cancellation))!.Status);
    }

    [Fact]
    public async Task A_submitted_version_is_never_edited_the_attempt_is_kept_and_the_database_refuses_too()
    {
        var draft = await Draft(25m);
        await _book.Submit(draft, "sh001.rep", Cancellation);
        var submitted = (await _reader.Find(draft.QuoteNumber, 1, Cancellation))!;

        var edit = Assert.IsType<QuoteRefusedResult>(await _book.EditDraft(submitted, [new QuoteLineRequest("md-glucose", 10, 5m)], null, "sh001.rep", Cancellation));

        Assert.Equal(QuoteRefused.VersionFixed, edit.Refused.Rule);
        var after = (await _reader.Find(draft.QuoteNumber, 1, Cancellation))!;
        Assert.Equal((2242.50m, 25m, submitted.VerificationCode), (after.NetTotal, after.Lines[0].DiscountPercent, after.VerificationCode));
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM quote_refusal WHERE quote_number = @n AND rule = 'version-fixed' AND actor = 'sh001.rep'", new { n = draft.QuoteNumber }));

        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        var line = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE quote_line SET discount_percent = 5 WHERE quote_number = @n", new { n = draft.QuoteNumber }));
        var total = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE quote_version SET net_total = 1 WHERE quote_number = @n", new { n = draft.QuoteNumber }));
        Assert.Contains("fixed", line.MessageText, StringComparison.Ordinal);
        Assert.Contains("fixed", total.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_is_changed_in_place_and_gets_a_new_code()
    {
        var draft = await Draft(25m);

        var edited = Assert.IsType<QuoteWritten>(await _book.EditDraft(draft, [new QuoteLineRequest("md-glucose", 12, 5m)], null, "sh001.rep", Cancellation)).Quote;

        Assert.Equal((1, 3408.60m, QuoteTier.Rep), (edited.Version, edited.NetTotal, edited.Tier));
        Assert.NotEqual(draft.VerificationCode, edited.VerificationCode);
        // The draft's first code no longer matches what the draft says: it reads as altered, the new one verifies.
        Assert.Equal(QuoteVerdict.AlteredCode, (await _verifier.Verify(draft.VerificationCode, Cancellation)).Verdict);
        Assert.Equal(QuoteVerdict.Verified, (await _verifier.Verify(edited.VerificationCode, Cancellation)).Verdict);
    }

    [Fact]
    public async Task A_new_version_supersedes_the_submitted_one_and_withdraws_its_approval()
    {
        var first = await Draft(25m);
        var request = Assert.IsType<QuoteWritten>(await _book.Submit(first, "sh001.rep", Cancellation)).Quote.Approval!;

        var second = Assert.IsType<QuoteWritten>(await _book.NewVersion((await _reader.Latest(first.QuoteNumber, Cancellation))!, [new QuoteLineRequest("md-glucose", 10, 18m)], null, "sh001.rep", Cancellation)).Quote;

        Assert.Equal((2, QuoteStatus.Draft, QuoteTier.Director), (second.Version, second.Status, second.Tier));
        Assert.Equal(QuoteStatus.Superseded, (await _reader.Find(first.QuoteNumber, 1, Cancellation))!.Status);
        Assert.Equal(ApprovalStatus.Withdrawn, (await _approvals.Find(request.ApprovalId, Cancellation))!.Status);
        var late = Assert.IsType<ApprovalRefusedResult>(await _approvals.Decide(request.ApprovalId, true, "late", "legal", Legal, Cancellation));
        Assert.Equal(ApprovalRefusal.AlreadyDecided, late.Refused.Refusal);
        var resubmit = Assert.IsType<QuoteRefusedResult>(await _book.Submit((await _reader.Find(first.QuoteNumber, 1, Cancellation))!, "sh001.rep", Cancellation));
        Assert.Equal(QuoteRefused.NotLatest, resubmit.Refused.Rule);
    }

    [Fact]
    public async Task A_verified_code_shows_its_version_and_a_row_altered_behind_the_application_does_not_verify()
    {
        var draft = await Draft(5m);
        Assert.Equal(QuoteVerdict.Verified, (await _verifier.Verify(draft.VerificationCode, Cancellation)).Verdict);
        Assert.Equal(QuoteVerdict.Unknown, (await _verifier.Verify("Q-1999-000001-1-0123456789abcdef0123456789abcdef", Cancellation)).Verdict);

        // A draft's rows are not yet fixed by the trigger: someone with database access lowers the price.
        await using (var connection = await _database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync("UPDATE quote_line SET net_amount = 1.00 WHERE quote_number = @n", new { n = draft.QuoteNumber });
            await connection.ExecuteAsync("UPDATE quote_version SET net_total = 1.00 WHERE quote_number = @n", new { n = draft.QuoteNumber });
        }

        var verification = await _verifier.Verify(draft.VerificationCode, Cancellation);
        Assert.Equal(QuoteVerdict.AlteredRecord, verification.Verdict);
        Assert.Null(verification.Quote);
    }

    [Fact]
    public async Task An_unknown_item_and_an_over_long_validity_are_refused_naming_the_field()
    {
        var unknown = Assert.IsType<QuoteRefusedResult>(await _book.Create(_opportunity, [new QuoteLineRequest("md-glucose", 1, 0m), new QuoteLineRequest("no-such-item", 1, 0m)], null, "sh001.rep", Cancellation));
        var validity = Assert.IsType<QuoteRefusedResult>(await _book.Create(_opportunity, [new QuoteLineRequest("md-glucose", 1, 0m)], new DateOnly(2027, 6, 1), "sh001.rep", Cancellation));

        Assert.Equal("lines[1].itemCode", unknown.Refused.Field);
        Assert.Equal("validUntil", validity.Refused.Field);
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM quote"));
    }

    [Fact]
    public async Task The_demo_has_a_quote_in_each_tier_and_seeding_again_adds_none()
    {
        var demo = new StoreSales.Data.Demo.DemoQuotes(_database.DataSource, _reader, _book);

        Assert.Equal(3, await demo.Seed(Cancellation));
        Assert.Equal(0, await demo.Seed(Cancellation));

        var quotes = new List<QuoteVersionView>();
        foreach (var id in new[] { "opp-demo-quote-rep", "opp-demo-quote-director", "opp-demo-quote-legal" })
        {
            quotes.Add(Assert.Single(await _reader.OfOpportunity(id, Cancellation)));
        }

        Assert.Equal(
            [(QuoteTier.Rep, QuoteStatus.Approved), (QuoteTier.Director, QuoteStatus.Submitted), (QuoteTier.LegalAndFinance, QuoteStatus.Submitted)],
            quotes.Select(q => (q.Tier, q.Status)));
        Assert.Equal([ChainRoles.SalesDirector], quotes[1].Approval!.Waiting);
        Assert.Contains("\"marginKnown\": false", quotes[1].Approval!.SummaryJson, StringComparison.Ordinal);   // the lancets have no cost
    }

    private async Task<QuoteVersionView> Draft(decimal discount) =>
        Assert.IsType<QuoteWritten>(await _book.Create(_opportunity, [new QuoteLineRequest("md-glucose", 10, discount)], null, "sh001.rep", Cancellation)).Quote;
}
