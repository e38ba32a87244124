using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Data.ContractToCash;
using StoreSales.Data.Credit;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.Credit;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Opportunities;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// Contract to cash on a real PostgreSQL (docs/domain.md "Contract to cash"): a contract keeps its receivable plan; the
/// ERP's documents are imported idempotently by number, a conflicting re-import refused naming the document and line;
/// a payment kept by the credit import is linked to its contract later; the board judges each line; the overdue sweep's
/// query finds an instalment at the customer's midnight and only until it was raised.
/// </summary>
public sealed class ContractToCashDataTests : IAsyncLifetime
{
    private const string Rep = "rep-sh001-01";
    private const string Finance = "finance.user";

    // 10:00 in Shanghai on 5 December 2026.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private ContractBook _contracts = null!;
    private ContractLedger _ledger = null!;
    private ContractImport _import = null!;
    private ContractFileReader _files = null!;
    private ThreeWayMatchReader _board = null!;
    private PgOverdueInstalments _overdue = null!;
    private CreditImport _creditImport = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("contracts");
        var options = Options.Create(new ContractToCashOptions());
        var credit = Options.Create(new CreditOptions());
        var calendar = Options.Create(new ChainCalendarOptions());
        _contracts = new ContractBook(_database.DataSource, options, Options.Create(new OpportunityOptions()), _clock);
        _ledger = new ContractLedger(_database.DataSource, _clock);
        _import = new ContractImport(_database.DataSource, _contracts, _ledger, options, credit, calendar, _clock);
        _files = new ContractFileReader(_database.DataSource, options, calendar, _clock);
        _board = new ThreeWayMatchReader(_database.DataSource, options, calendar);
        _overdue = new PgOverdueInstalments(_database.DataSource, options, calendar);
        _creditImport = new CreditImport(_database.DataSource, new CreditLedger(_database.DataSource, credit, _clock), credit, calendar, _clock);
        await Customer("cust-acme", "account");
        await Customer("cust-other", "account");
        await Customer("cust-member", "member");
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_contract_keeps_its_plan_once_and_refuses_the_same_number_with_other_figures()
    {
        var draft = Draft("CT-1", "cust-acme", 100_000, "deposit-30-70", new DateOnly(2026, 11, 10));

        Assert.Equal(ContractKept.Recorded, await _contracts.Keep(draft, Finance, Cancellation));
        Assert.Equal(ContractKept.AlreadyRecorded, await _contracts.Keep(draft, Finance, Cancellation));
        Assert.Equal(ContractKept.ChangedFigures, await _contracts.Keep(Draft("CT-1", "cust-acme", 100_001, "deposit-30-70", new DateOnly(2026, 11, 10)), Finance, Cancellation));
        Assert.Equal(ContractKept.NotAnAccount, await _contracts.Keep(Draft("CT-2", "cust-member", 1, "net30", new DateOnly(2026, 11, 10)), Finance, Cancellation));

        var contract = (await _files.Find("CT-1", Cancellation))!;
        Assert.Equal((100_000m, 13_000m, 113_000m), (contract.Net, contract.Tax, contract.Gross));
        Assert.Equal([(new DateOnly(2026, 11, 10), 33_900m), ((DateOnly?)null, 79_100m)], contract.Instalments.Select(i => (i.DueOn, i.Gross)));
    }

    [Fact]
    public async Task A_shipments_file_is_idempotent_refuses_a_conflicting_row_by_document_and_line_and_dates_the_shipment_instalment()
    {
        await Keep(Draft("CT-1", "cust-acme", 100_000, "deposit-30-70", new DateOnly(2026, 11, 10)));
        const string file = """
            document_no,customer_id,contract_id,amount,shipped_on
            SH-1,cust-acme,CT-1,60000.00,2026-11-20
            SH-2,cust-acme,CT-1,53000.00,2026-11-25
            SH-3,cust-other,CT-1,100,2026-11-25
            """;

        var first = await _import.Import(ContractImportKinds.Shipments, Csv(file), stopOnError: false, Finance, Cancellation);
        var again = await _import.Import(ContractImportKinds.Shipments, Csv(file), stopOnError: false, Finance, Cancellation);
        var conflicting = await _import.Import(
            ContractImportKinds.Shipments, Csv("document_no,customer_id,contract_id,amount,shipped_on\nSH-2,cust-acme,CT-1,53500.00,2026-11-25\n"), false, Finance, Cancellation);

        Assert.Equal((3, 2, 0), (first.Rows, first.Recorded, first.AlreadyRecorded));
        Assert.Equal((4L, "SH-3", "contract_id", "unknown-contract"), One(first.Rejected));
        Assert.Equal((0, 2), (again.Recorded, again.AlreadyRecorded));
        Assert.Equal((2L, "SH-2", "document_no", "changed-figures"), One(conflicting.Rejected));
        Assert.Contains("'SH-2'", conflicting.Rejected[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, await _database.Count("SELECT count(*) FROM shipment"));
        Assert.Equal(53_000m, await Scalar<decimal>("SELECT amount FROM shipment WHERE document_no = 'SH-2'"));
        // 70 % due 30 days after the first shipment (20 November).
        Assert.Equal(new DateOnly(2026, 12, 20), (await _files.Find("CT-1", Cancellation))!.Instalments[1].DueOn);
    }

    [Fact]
    public async Task A_payment_the_credit_import_kept_without_a_contract_is_linked_once_and_never_to_a_second_contract()
    {
        await Keep(Draft("CT-1", "cust-acme", 10_000, "net30", new DateOnly(2026, 11, 1)));
        await Keep(Draft("CT-2", "cust-acme", 10_000, "net30", new DateOnly(2026, 11, 1)));
        await _creditImport.Import(
            CreditDocumentKind.Payments, Csv("document_no,customer_id,amount,paid_at\nPAY-1,cust-acme,11300,2026-11-20 10:00\n"), false, Finance, Cancellation);
        const string linking = "document_no,customer_id,amount,paid_at,contract_id\nPAY-1,cust-acme,11300,2026-11-20 10:00,CT-1\n";

        var linked = await _import.Import(ContractImportKinds.Payments, Csv(linking), false, Finance, Cancellation);
        var again = await _import.Import(ContractImportKinds.Payments, Csv(linking), false, Finance, Cancellation);
        var other = await _import.Import(ContractImportKinds.Payments, Csv(linking.Replace("CT-1", "CT-2", StringComparison.Ordinal)), false, Finance, Cancellation);

        Assert.Equal((1, 0), (linked.Linked, linked.Recorded));
        Assert.Equal((0, 1), (again.Linked, again.AlreadyRecorded));
        Assert.Equal((2L, "PAY-1", "document_no", "changed-figures"), One(other.Rejected));
        Assert.Equal("CT-1", await Scalar<string>("SELECT contract_id FROM payment WHERE document_no = 'PAY-1'"));
        Assert.Equal(11_300m, (await _files.Find("CT-1", Cancellation))!.Instalments[0].Paid);
    }

    [Fact]
    public async Task A_file_stopped_at_its_first_bad_row_keeps_nothing_not_even_a_contract_before_it()
    {
        var report = await _import.Import(
            ContractImportKinds.Contracts,
            Csv("contract_id,customer_id,net,signed_on,payment_terms\nCT-9,cust-acme,5000,2026-11-01,net30\nCT-10,cust-acme,5000,2026-11-01,net45\n"),
            stopOnError: true,
            Finance,
            Cancellation);

        Assert.True(report.Stopped);
        Assert.Equal((3L, "CT-10", "payment_terms", "invalid-payment-terms"), One(report.Rejected));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM contract"));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM contract_instalment"));
    }

    [Fact]
    public async Task The_board_shows_green_yellow_and_red_lines_and_names_each_classic_failure()
    {
        var november = new DateOnly(2026, 11, 1);
        // Green: shipped, signed for, invoiced and paid within the tolerance.
        await Keep(Draft("CT-GREEN", "cust-acme", 100_000, "net30", new DateOnly(2026, 11, 2)));
        await Doc(ContractDocumentKind.Shipment, "SH-G", "CT-GREEN", 113_000, november.AddDays(2));
        await Doc(ContractDocumentKind.SignOff, "SO-G", "CT-GREEN", 113_000, november.AddDays(3));
        await Doc(ContractDocumentKind.Invoice, "INV-G", "CT-GREEN", 113_000, november.AddDays(3), due: november.AddDays(33));
        await Doc(ContractDocumentKind.Payment, "PAY-G", "CT-GREEN", 112_600, paidAt: new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8)));
        // Yellow: shipped, not signed for yet, not invoiced.
        await Keep(Draft("CT-YELLOW", "cust-acme", 50_000, "net60", new DateOnly(2026, 11, 5)));
        await Doc(ContractDocumentKind.Shipment, "SH-Y", "CT-YELLOW", 56_500, november.AddDays(6));
        // Red: invoiced ¥1,000 more than shipped.
        await Keep(Draft("CT-RED", "cust-acme", 20_000, "net60", new DateOnly(2026, 11, 6)));
        await Doc(ContractDocumentKind.Shipment, "SH-R", "CT-RED", 22_600, november.AddDays(7));
        await Doc(ContractDocumentKind.SignOff, "SO-R", "CT-RED", 22_600, november.AddDays(8));
        await Doc(ContractDocumentKind.Invoice, "INV-R", "CT-RED", 23_600, november.AddDays(8), due: november.AddDays(60));
        // The classic failures: invoiced but not shipped; a rebate settlement booked as a receivable; paid but no contract.
        await Keep(Draft("CT-NOSHIP", "cust-acme", 10_000, "net60", new DateOnly(2026, 11, 9)));
        await Doc(ContractDocumentKind.Invoice, "INV-NS", "CT-NOSHIP", 11_300, november.AddDays(9), due: november.AddDays(60));
        await Doc(ContractDocumentKind.Invoice, "INV-REBATE", null, 8_000, november.AddDays(10), due: november.AddDays(40), purpose: ReceivablePurposes.RebateSettlement);
        // Paid at 07:00 on 1 December in Shanghai: still 30 November in UTC, but December for the customer.
        await Doc(ContractDocumentKind.Payment, "PAY-ORPHAN", null, 30_000, paidAt: new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero));
        await Doc(ContractDocumentKind.Payment, "PAY-ORPHAN-NOV", null, 5_000, paidAt: new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));

        var lines = await _board.Read(new MatchQuery(november, november.AddMonths(1), "cust-acme", null), new DateOnly(2026, 12, 5), Cancellation);

        var byKey = lines.ToDictionary(l => l.LineKey, l => (l.Verdict.Status, string.Join(",", l.Verdict.Findings)));
        Assert.Equal((MatchStatus.Green, ""), byKey["CT-GREEN"]);
        Assert.Equal((MatchStatus.Yellow, "sign-off-missing,invoice-missing"), byKey["CT-YELLOW"]);
        Assert.Equal((MatchStatus.Red, "invoice-differs"), byKey["CT-RED"]);
        Assert.Equal((MatchStatus.Red, "invoiced-not-shipped,shipment-missing"), byKey["CT-NOSHIP"]);
        Assert.Equal((MatchStatus.Red, "rebate-booked-as-receivable,contract-missing"), byKey["INV-REBATE"]);
        Assert.Equal((MatchStatus.Red, "paid-without-contract"), byKey["PAY-ORPHAN-NOV"]);
        Assert.False(byKey.ContainsKey("PAY-ORPHAN"));
        Assert.Equal(6, lines.Count);
    }

    [Fact]
    public async Task An_instalment_is_found_overdue_at_the_customers_midnight_and_not_again_once_raised()
    {
        // Prepaid, signed (and so due) on 1 December: with 3 days it alerts from 00:00 on 4 December in Shanghai.
        await Keep(Draft("CT-1", "cust-acme", 10_000, "prepaid", new DateOnly(2026, 12, 1)));
        await Keep(Draft("CT-PAID", "cust-acme", 10_000, "prepaid", new DateOnly(2026, 12, 1)));
        await Doc(ContractDocumentKind.Payment, "PAY-1", "CT-PAID", 11_300, paidAt: new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));

        var before = await _overdue.Unraised(new DateTimeOffset(2026, 12, 3, 15, 59, 59, TimeSpan.Zero), 100, Cancellation);
        var at = await _overdue.Unraised(new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.Zero), 100, Cancellation);
        await _overdue.MarkRaised("CT-1", 1, _clock.GetUtcNow(), Cancellation);
        var after = await _overdue.Unraised(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero), 100, Cancellation);

        Assert.Empty(before);
        var found = Assert.Single(at);
        Assert.Equal(("CT-1", 1, 11_300m, Rep), (found.ContractId, found.Seq, found.Open, found.OwnerRepId));
        Assert.NotNull(found.RegionId);
        Assert.Empty(after);
    }

    [Fact]
    public async Task A_contract_from_an_opportunity_needs_it_at_the_contract_stage_and_takes_it_once()
    {
        await Opportunity("opp-quote", "quote");
        await Opportunity("opp-contract", "contract");

        Assert.Equal(ContractKept.OpportunityNotAtContract, await _contracts.Keep(Draft("CT-Q", "cust-acme", 1_000, "net30", new DateOnly(2026, 12, 1)) with { OpportunityId = "opp-quote" }, Finance, Cancellation));
        Assert.Equal(ContractKept.UnknownOpportunity, await _contracts.Keep(Draft("CT-O", "cust-other", 1_000, "net30", new DateOnly(2026, 12, 1)) with { OpportunityId = "opp-contract" }, Finance, Cancellation));
        Assert.Equal(ContractKept.Recorded, await _contracts.Keep(Draft("CT-C", "cust-acme", 1_000, "net30", new DateOnly(2026, 12, 1)) with { OpportunityId = "opp-contract" }, Finance, Cancellation));
        Assert.Equal(ContractKept.OpportunityHasContract, await _contracts.Keep(Draft("CT-D", "cust-acme", 1_000, "net30", new DateOnly(2026, 12, 1)) with { OpportunityId = "opp-contract" }, Finance, Cancellation));
    }

    [Fact]
    public async Task A_lined_contract_shows_one_board_line_per_contract_line_each_against_its_own_documents()
    {
        var november = new DateOnly(2026, 11, 1);
        // Three lines of ¥50,000, ¥30,000 and ¥20,000 net: ¥56,500, ¥33,900 and ¥22,600 gross.
        await Keep(Lined("CT-L", new DateOnly(2026, 11, 5), ("PUMP", 5, 10_000m), ("SET", 300, 100m), ("SVC", 1, 20_000m)));
        // Line 1 green: shipped, signed for, invoiced; line 2 yellow: shipped only; line 3 red: invoiced ¥500.01 above its shipment.
        await Doc(ContractDocumentKind.Shipment, "SH-L1", "CT-L", 56_500, november.AddDays(6), line: 1);
        await Doc(ContractDocumentKind.SignOff, "SO-L1", "CT-L", 56_500, november.AddDays(7), line: 1);
        await Doc(ContractDocumentKind.Invoice, "INV-L1", "CT-L", 56_500, november.AddDays(7), due: november.AddDays(60), line: 1);
        await Doc(ContractDocumentKind.Shipment, "SH-L2", "CT-L", 33_900, november.AddDays(6), line: 2);
        await Doc(ContractDocumentKind.Shipment, "SH-L3", "CT-L", 22_600, november.AddDays(6), line: 3);
        await Doc(ContractDocumentKind.SignOff, "SO-L3", "CT-L", 22_600, november.AddDays(7), line: 3);
        await Doc(ContractDocumentKind.Invoice, "INV-L3", "CT-L", 23_100.01m, november.AddDays(7), due: november.AddDays(60), line: 3);

        var lines = await _board.Read(new MatchQuery(november, november.AddMonths(1), "cust-acme", null), new DateOnly(2026, 12, 5), Cancellation);

        Assert.Equal(
            [("CT-L:1", MatchStatus.Green, ""), ("CT-L:2", MatchStatus.Yellow, "sign-off-missing,invoice-missing"), ("CT-L:3", MatchStatus.Red, "invoice-differs")],
            lines.Select(l => (l.LineKey, l.Verdict.Status, string.Join(",", l.Verdict.Findings))));
        Assert.Equal([56_500m, 33_900m, 22_600m], lines.Select(l => l.Facts.ContractGross));
        Assert.Equal(["PUMP", "SET", "SVC"], lines.Select(l => l.Item));

        // The invoice ¥500 (not more) above the shipment matches: the tolerance's edge per line.
        await Keep(Lined("CT-E", new DateOnly(2026, 11, 5), ("PUMP", 1, 20_000m)));
        await Doc(ContractDocumentKind.Shipment, "SH-E1", "CT-E", 22_600, november.AddDays(6), line: 1);
        await Doc(ContractDocumentKind.SignOff, "SO-E1", "CT-E", 22_600, november.AddDays(7), line: 1);
        await Doc(ContractDocumentKind.Invoice, "INV-E1", "CT-E", 23_100, november.AddDays(7), due: november.AddDays(60), line: 1);
        var edge = (await _board.Read(new MatchQuery(november, november.AddMonths(1), "cust-acme", null), new DateOnly(2026, 12, 5), Cancellation)).Single(l => l.LineKey == "CT-E:1");
        Assert.Equal(MatchStatus.Green, edge.Verdict.Status);
    }

    [Fact]
    public async Task A_document_naming_no_line_of_a_lined_contract_brings_the_whole_contract_onto_the_board_and_an_unknown_line_is_refused()
    {
        var november = new DateOnly(2026, 11, 1);
        await Keep(Lined("CT-L", new DateOnly(2026, 11, 5), ("PUMP", 5, 10_000m), ("SET", 300, 100m)));
        await Doc(ContractDocumentKind.Shipment, "SH-L1", "CT-L", 56_500, november.AddDays(6), line: 1);
        await Doc(ContractDocumentKind.Shipment, "SH-ALL", "CT-L", 33_900, november.AddDays(6));

        var refused = ContractRules.CheckDocument(
            ContractDocumentKind.Shipment, "SH-L9", "cust-acme", "CT-L", 1, null, november, null, null, null, null, null, _clock.GetUtcNow(), new CreditOptions(), 9).Document!;
        Assert.Equal(ContractKept.UnknownLine, await _ledger.Keep(refused, Finance, Cancellation));
        // Kept with its line, the same shipment at contract level is another document: refused, never overwritten.
        var moved = ContractRules.CheckDocument(
            ContractDocumentKind.Shipment, "SH-L1", "cust-acme", "CT-L", 56_500, null, november.AddDays(6), null, null, null, null, null, _clock.GetUtcNow(), new CreditOptions()).Document!;
        Assert.Equal(ContractKept.ChangedFigures, await _ledger.Keep(moved, Finance, Cancellation));

        var lines = await _board.Read(new MatchQuery(november, november.AddMonths(1), "cust-acme", null), new DateOnly(2026, 12, 5), Cancellation);

        Assert.Equal(["CT-L", "CT-L:1", "CT-L:2"], lines.Select(l => l.LineKey));
        var whole = lines[0];
        Assert.Equal(("contract", 90_400m, 2, 90_400m), (whole.LineKind, whole.Facts.ContractGross, whole.Facts.Shipments, whole.Facts.Shipped));
        Assert.Equal((1, 0), (lines[1].Facts.Shipments, lines[2].Facts.Shipments));
        var contract = (await _files.Find("CT-L", Cancellation))!;
        Assert.Equal([(1, "PUMP", 56_500m), (2, "SET", 33_900m)], contract.Lines.Select(l => (l.LineNo, l.Item, l.Gross)));
        Assert.Equal([(int?)null, 1], contract.Documents.OrderBy(d => d.DocumentNo, StringComparer.Ordinal).Select(d => d.LineNo));
    }

    [Fact]
    public async Task A_contracts_file_with_one_row_per_line_keeps_each_contract_with_its_lines_once()
    {
        const string file = """
            contract_id,customer_id,signed_on,payment_terms,item,description,quantity,unit_price
            CT-F1,cust-acme,2026-11-05,net60,PUMP,Infusion pump,5,10000
            CT-F1,cust-acme,2026-11-05,net60,SET,Infusion set,300,100
            CT-F2,cust-acme,2026-11-06,net30,SVC,,1,2000
            CT-F3,cust-acme,2026-11-06,net30,BAD,,1,abc
            """;

        var report = await _import.Import(ContractImportKinds.Contracts, Csv(file), stopOnError: false, Finance, Cancellation);
        var again = await _import.Import(ContractImportKinds.Contracts, Csv(file), stopOnError: false, Finance, Cancellation);

        Assert.Equal((4, 2, 0), (report.Rows, report.Recorded, report.AlreadyRecorded));
        Assert.Equal((5L, "CT-F3", "unit_price", "invalid-number"), One(report.Rejected));
        Assert.Equal((0, 2), (again.Recorded, again.AlreadyRecorded));
        var contract = (await _files.Find("CT-F1", Cancellation))!;
        Assert.Equal((80_000m, 90_400m), (contract.Net, contract.Gross));
        Assert.Equal([(1, "PUMP", "Infusion pump", 5m, 10_000m), (2, "SET", "Infusion set", 300m, 100m)], contract.Lines.Select(l => (l.LineNo, l.Item, l.Description, l.Quantity, l.UnitPrice)));

        const string shipments = """
            document_no,customer_id,contract_id,amount,shipped_on,line_no
            SH-F1,cust-acme,CT-F1,33900,2026-11-07,2
            SH-F9,cust-acme,CT-F1,100,2026-11-07,9
            """;
        var shipped = await _import.Import(ContractImportKinds.Shipments, Csv(shipments), stopOnError: false, Finance, Cancellation);
        Assert.Equal(1, shipped.Recorded);
        Assert.Equal((3L, "SH-F9", "line_no", "unknown-line"), One(shipped.Rejected));
    }

    private static ContractDraft Lined(string id, DateOnly signed, params (string Item, decimal Quantity, decimal Price)[] lines)
    {
        var check = ContractRules.CheckContract(
            id, "cust-acme", null, null, null, null, null, "net60", signed, new ContractToCashOptions(), new CreditOptions(),
            [.. lines.Select(l => new ContractLineInput(l.Item, null, l.Quantity, l.Price, null))]);
        Assert.True(check.IsValid, string.Join("; ", check.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return check.Document!;
    }

    private static ContractDraft Draft(string id, string customer, decimal net, string terms, DateOnly signed) =>
        ContractRules.CheckContract(id, customer, null, null, net, null, null, terms, signed, new ContractToCashOptions(), new CreditOptions()).Document!;

    private async Task Keep(ContractDraft draft) => Assert.Equal(ContractKept.Recorded, await _contracts.Keep(draft, Finance, Cancellation));

    private async Task Doc(
        ContractDocumentKind kind, string number, string? contract, decimal amount, DateOnly? on = null, DateOnly? due = null, DateTimeOffset? paidAt = null, string? purpose = null,
        int? line = null)
    {
        var check = ContractRules.CheckDocument(kind, number, "cust-acme", contract, amount, null, on, due, paidAt, null, null, purpose, _clock.GetUtcNow(), new CreditOptions(), line);
        Assert.True(check.IsValid, string.Join("; ", check.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.Equal(ContractKept.Recorded, await _ledger.Keep(check.Document!, Finance, Cancellation));
    }

    private static (long, string?, string, string) One(IReadOnlyList<ImportedRowRejection> rejected)
    {
        var r = Assert.Single(rejected);
        return (r.Line, r.DocumentNo, r.Field, r.Rule);
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<T> Scalar<T>(string sql)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    private async Task Customer(string id, string kind)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(
            """
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
            SELECT @id, @kind, @id, @id, rep_id, department_id, '2026-01-01', now(), now() FROM rep WHERE rep_id = @rep
            """,
            new { id, kind, rep = Rep });
    }

    private async Task Opportunity(string id, string stage)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(
            """
            INSERT INTO opportunity (opportunity_id, customer_id, owner_rep_id, department_id, product_line, title, amount, stage, stage_entered_at, last_activity_at,
                                     created_by, created_at, updated_at)
            VALUES (@id, 'cust-acme', @rep, 'dept', 'Default', @id, 1000, @stage, now(), now(), 'test', now(), now())
            """,
            new { id, stage, rep = Rep });
    }
}
