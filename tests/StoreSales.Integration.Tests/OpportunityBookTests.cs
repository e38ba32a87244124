using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Data.Approvals;
using StoreSales.Data.Customers;
using StoreSales.Data.Opportunities;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Opportunities;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// Opportunities on a real PostgreSQL: the stage gate judged on what is stored, every move kept, evidence kept with its
/// SHA-256, and the contract entry above 500,000 waiting for the director's approval through the shared approval book.
/// </summary>
public sealed class OpportunityBookTests : IAsyncLifetime
{
    private const string Rep = "rep-sh001-01";
    private const string Team = "dept-east-retail";
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n% needs confirmation sheet, signed\n"u8];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly Heard _heard = new();
    private TestDatabase _database = null!;
    private OpportunityBook _book = null!;
    private ApprovalBook _approvals = null!;
    private OpportunityPipeline _pipeline = null!;
    private string _customerId = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("opportunities");
        var options = Options.Create(new OpportunityOptions());
        var changes = new OpportunityChanges(_database.DataSource, [_heard]);
        _approvals = new ApprovalBook(_database.DataSource, [new ContractEntryOutcome(options, _clock, changes)], _clock, Microsoft.Extensions.Options.Options.Create(new StoreSales.Domain.Approvals.ApprovalOptions()), NullLogger<ApprovalBook>.Instance);
        _book = new OpportunityBook(_database.DataSource, _approvals, options, _clock, changes);
        _pipeline = new OpportunityPipeline(_database.DataSource, options, _clock);
        var intake = new CustomerIntake(_database.DataSource, Options.Create(new CustomerIdentityOptions()), _clock);
        _customerId = Assert.IsType<CustomerCreated>(await intake.Create(
            new NewCustomer(new CustomerIdentity(CustomerKind.Account, "上海仁济医疗器械有限公司"), Rep, Team, DateOnly.FromDateTime(Start.UtcDateTime)), Cancellation)).CustomerId;
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task An_opportunity_moves_through_its_gates_with_evidence_and_every_move_is_kept()
    {
        var opened = await Open(120_000m);
        Assert.Equal("lead", opened.Stage);

        Assert.IsType<Moved>(await _book.Move(opened.OpportunityId, "needs-confirmed", [], Rep, null, Cancellation));
        var blocked = Assert.IsType<MoveRefused>(await _book.Move(opened.OpportunityId, "proposal", [], Rep, null, Cancellation));
        Assert.Equal("evidence-missing", blocked.Verdict.Rule);
        Assert.Equal(["needs-confirmation-sheet"], blocked.Verdict.Missing);

        var sheet = Assert.IsType<EvidenceStored>(await _book.AddEvidence(opened.OpportunityId, "needs-confirmation-sheet", "需求确认单.pdf", Pdf, Rep, Cancellation)).Evidence;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), sheet.Sha256);
        Assert.Equal(EvidenceFile.Pdf, sheet.MediaType);
        Assert.Equal("needs-confirmed", sheet.Stage);

        _clock.Advance(TimeSpan.FromHours(3));
        var moved = Assert.IsType<Moved>(await _book.Move(opened.OpportunityId, "proposal", [sheet.EvidenceId], Rep, "customer signed", Cancellation));
        Assert.Equal([sheet.EvidenceId], moved.Move.EvidenceIds);

        var back = Assert.IsType<Moved>(await _book.Move(opened.OpportunityId, "lead", [], "east.sales", "budget frozen", Cancellation));
        Assert.Equal("lead", back.Opportunity.Stage);
        Assert.Equal(
            [(null, "lead"), ("lead", "needs-confirmed"), ("needs-confirmed", "proposal"), ("proposal", "lead")],
            back.Opportunity.Moves.Select(m => (m.FromStage, m.ToStage)));
        Assert.Equal([Rep, Rep, Rep, "east.sales"], back.Opportunity.Moves.Select(m => m.Actor));
        Assert.Equal(Start.AddHours(3), back.Opportunity.Moves[2].At);
        Assert.Contains(opened.OpportunityId, _heard.Ids);
    }

    [Fact]
    public async Task A_refused_move_changes_nothing()
    {
        var opened = await Open(10_000m);

        var skipped = Assert.IsType<MoveRefused>(await _book.Move(opened.OpportunityId, "proposal", [], Rep, null, Cancellation));

        Assert.Equal("one-stage-at-a-time", skipped.Verdict.Rule);
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM opportunity_move WHERE opportunity_id = @id", new { id = opened.OpportunityId }));
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM opportunity WHERE opportunity_id = @id AND stage = 'lead' AND last_activity_at = @start", new { id = opened.OpportunityId, start = Start }));
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_and_nothing_is_stored()
    {
        var opened = await Open(10_000m);
        await _book.Move(opened.OpportunityId, "needs-confirmed", [], Rep, null, Cancellation);

        var refused = Assert.IsType<EvidenceRefused>(await _book.AddEvidence(opened.OpportunityId, "needs-confirmation-sheet", "sheet.pdf", Exe, Rep, Cancellation));

        Assert.Equal("file-type-not-allowed", refused.Verdict.Rule);
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM opportunity_evidence"));
    }

    [Fact]
    public async Task Evidence_uploaded_in_another_stage_does_not_open_this_one()
    {
        var opened = await Open(10_000m);
        await _book.Move(opened.OpportunityId, "needs-confirmed", [], Rep, null, Cancellation);
        var sheet = Assert.IsType<EvidenceStored>(await _book.AddEvidence(opened.OpportunityId, "needs-confirmation-sheet", "s.pdf", Pdf, Rep, Cancellation)).Evidence;
        await _book.Move(opened.OpportunityId, "proposal", [], Rep, null, Cancellation);

        var cited = Assert.IsType<MoveEvidenceNotInStage>(await _book.Move(opened.OpportunityId, "quote", [sheet.EvidenceId], Rep, null, Cancellation));
        var uncited = Assert.IsType<MoveRefused>(await _book.Move(opened.OpportunityId, "quote", [], Rep, null, Cancellation));

        Assert.Equal([sheet.EvidenceId], cited.EvidenceIds);
        Assert.Equal(["meeting-minutes"], uncited.Verdict.Missing);
    }

    [Fact]
    public async Task Above_500000_entering_contract_waits_for_the_director_and_moves_on_approval()
    {
        var opportunity = await AtQuote(500_000.01m);

        var waits = Assert.IsType<MoveAwaitsApproval>(await _book.Move(opportunity, "contract", [], Rep, null, Cancellation));
        Assert.False(waits.Existing);
        Assert.Equal("quote", waits.Opportunity.Stage);
        Assert.True(waits.Opportunity.ApprovalPending);
        Assert.Equal([ChainRoles.SalesDirector], waits.Approval.RequiredRoles);
        Assert.Equal(Start + TimeSpan.FromDays(1), waits.Approval.DueAt);
        Assert.Equal("region-east", waits.Approval.RegionId);

        var again = Assert.IsType<MoveRefused>(await _book.Move(opportunity, "contract", [], Rep, null, Cancellation));
        Assert.Equal("awaiting-approval", again.Verdict.Rule);

        var own = await _approvals.Decide(waits.Approval.ApprovalId, true, "mine", Rep, new HashSet<string> { ChainRoles.SalesDirector }, Cancellation);
        Assert.IsType<ApprovalRefusedResult>(own);

        var decided = Assert.IsType<ApprovalDecided>(await _approvals.Decide(waits.Approval.ApprovalId, true, "strategic account", "east.director", new HashSet<string> { ChainRoles.SalesDirector }, Cancellation));
        Assert.Equal(ApprovalStatus.Approved, decided.Request.Status);

        var contract = Assert.Single(await _pipeline.OfRep(Rep, 100, Cancellation), c => c.OpportunityId == opportunity);
        Assert.Equal("contract", contract.Stage);
        Assert.False(contract.ApprovalPending);
        Assert.Equal(1, await _database.Count(
            "SELECT count(*) FROM opportunity_move WHERE opportunity_id = @opportunity AND to_stage = 'contract' AND note LIKE '%east.director (strategic account)%'",
            new { opportunity }));
    }

    [Fact]
    public async Task At_exactly_500000_it_enters_contract_at_once()
    {
        var opportunity = await AtQuote(500_000m);

        var moved = Assert.IsType<Moved>(await _book.Move(opportunity, "contract", [], Rep, null, Cancellation));

        Assert.Equal("contract", moved.Opportunity.Stage);
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM approval_request"));
    }

    [Fact]
    public async Task A_rejected_contract_entry_stays_and_a_move_back_withdraws_a_pending_one()
    {
        var rejected = await AtQuote(900_000m);
        var request = Assert.IsType<MoveAwaitsApproval>(await _book.Move(rejected, "contract", [], Rep, null, Cancellation)).Approval;
        await _approvals.Decide(request.ApprovalId, false, "margin too thin", "east.director", new HashSet<string> { ChainRoles.SalesDirector }, Cancellation);

        var withdrawn = await AtQuote(900_000m);
        Assert.IsType<MoveAwaitsApproval>(await _book.Move(withdrawn, "contract", [], Rep, null, Cancellation));
        var back = Assert.IsType<Moved>(await _book.Move(withdrawn, "proposal", [], Rep, "scope changed", Cancellation));

        var facts = await new PgOpportunityFacts(_database.DataSource).Read(rejected, Cancellation);
        Assert.Equal("quote", facts!.Stage);
        Assert.Equal("rejected", facts.ContractApproval!.Status);
        Assert.Contains("margin too thin", Assert.Single(facts.ContractApproval.Decisions), StringComparison.Ordinal);
        Assert.Equal("withdrawn", back.Withdrawn!.Status.ToString().ToLowerInvariant());
        Assert.Equal("withdrawn", back.Opportunity.ContractApproval!.Status);
    }

    [Fact]
    public async Task The_pipeline_shows_each_opportunity_s_age_by_the_stage_limits()
    {
        var fresh = await Open(1m);
        _clock.Advance(TimeSpan.FromDays(1));
        var other = await Open(2m);
        _clock.Advance(new TimeSpan(6, 0, 0, 0));

        var cards = await _pipeline.OfTeam(Team, 100, Cancellation);

        Assert.Equal([(fresh.OpportunityId, AgeingColour.Yellow), (other.OpportunityId, AgeingColour.Green)], cards.Select(c => (c.OpportunityId, c.Colour)));
        Assert.Equal("上海仁济医疗器械有限公司", cards[0].CustomerName);
        Assert.Empty(await _pipeline.OfTeam("dept-south-retail", 100, Cancellation));
    }

    private async Task<Abstractions.Opportunities.OpportunityFacts> Open(decimal amount) =>
        (await _book.Create(new NewOpportunity(_customerId, Rep, Team, "medical-devices", "Ward monitors", amount, Rep), Cancellation))!;

    private async Task<string> AtQuote(decimal amount)
    {
        var id = (await Open(amount)).OpportunityId;
        await _book.Move(id, "needs-confirmed", [], Rep, null, Cancellation);
        await _book.AddEvidence(id, "needs-confirmation-sheet", "s.pdf", Pdf, Rep, Cancellation);
        await _book.Move(id, "proposal", [], Rep, null, Cancellation);
        await _book.AddEvidence(id, "meeting-minutes", "m.pdf", Pdf, Rep, Cancellation);
        Assert.IsType<Moved>(await _book.Move(id, "quote", [], Rep, null, Cancellation));
        return id;
    }

    private sealed class Heard : IOpportunityNotices
    {
        public List<string> Ids { get; } = [];

        public Task Changed(string opportunityId, string ownerRepId, string departmentId, CancellationToken cancellationToken)
        {
            lock (Ids)
            {
                Ids.Add(opportunityId);
            }

            return Task.CompletedTask;
        }
    }
}
