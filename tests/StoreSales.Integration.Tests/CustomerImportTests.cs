using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.Customers;
using StoreSales.Data.Customers.Import;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// CSV import on a real PostgreSQL with the demo chain's reps: every row ends with exactly one outcome, a re-import adds
/// nothing, a job killed mid-chunk resumes where its last chunk committed, duplicates are found in the file and against
/// existing customers, and each rejection names its column.
/// </summary>
public sealed class CustomerImportTests : IAsyncLifetime
{
    private const string Header = "row_key,kind,name,phone,credit_code,member_code,owner_rep_id,department_id,service_from,service_to";

    // The demo's sh001 manager: leads store-sh001's reps (rep-sh001-01..03, department dept-east-retail).
    private static readonly ViewerScope Sh001Manager = ViewerScope.Of([ChainRoles.StoreManager], [], ["store-sh001"]);

    private static int _serial;

    private TestDatabase _database = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.Create("import");

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing()
    {
        var file = Csv(Enumerable.Range(1, 25).Select(i => MemberRow($"again#{i}", Phone())));
        var first = await SubmitAndRun(file, chunkSize: 10);
        var customers = await _database.Count("SELECT count(*) FROM customer");
        var keys = await _database.Count("SELECT count(*) FROM customer_key");

        var second = await SubmitAndRun(file, chunkSize: 10);

        Assert.Equal((25, 25, 0), (first.Done, first.Created, first.AlreadyImported));
        Assert.Equal(("done", 25, 0, 25, 0, 0), (second.Status, second.Done, second.Created, second.AlreadyImported, second.Duplicates, second.Rejected));
        Assert.Equal(customers, await _database.Count("SELECT count(*) FROM customer"));
        Assert.Equal(keys, await _database.Count("SELECT count(*) FROM customer_key"));
        // Each row of the second job points at the customer the first made of it.
        Assert.Equal(25, await _database.Count(
            """
            SELECT count(*) FROM customer_import_outcome o2
            JOIN customer_import_outcome o1 ON o1.row_number = o2.row_number AND o1.customer_id = o2.customer_id
            WHERE o2.job_id = @second AND o1.job_id = @first AND o2.outcome = 'already-imported' AND o1.outcome = 'created'
            """,
            new { first = first.JobId, second = second.JobId }));
    }

    [Fact]
    public async Task A_job_killed_in_the_middle_of_a_chunk_resumes_and_ends_with_every_row_exactly_once()
    {
        var phones = Enumerable.Range(1, 50).Select(_ => Phone()).ToArray();
        var jobId = await Submit(Csv(phones.Select((p, i) => MemberRow($"killed#{i + 1}", p))));
        var before = await Runner(chunkSize: 10);
        Assert.NotNull(await before.RunNextChunk(Cancellation));
        Assert.NotNull(await before.RunNextChunk(Cancellation));

        // Someone creating a customer with row 25's phone holds its key uncommitted: the third chunk (rows 21-30) waits on
        // it inside its transaction, and is killed there.
        await using var blocker = await _database.DataSource.OpenConnectionAsync(Cancellation);
        await using var blocking = await blocker.BeginTransactionAsync(Cancellation);
        await Execute(blocker, "INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at) VALUES ('cust-blocker', 'member', 'b', 'B', 'rep-sh001-01', 'store-sh001', '2026-01-01', now(), now())");
        await Execute(blocker, $"INSERT INTO customer_key (key, customer_id) VALUES ('phone:{phones[24]}', 'cust-blocker')");
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var killed = before.RunNextChunk(kill.Token);
        await Eventually.Holds(
            async () => await _database.Count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0,
            "the third chunk waits for the uncommitted key",
            cancellationToken: Cancellation);
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed);
        await blocking.RollbackAsync(Cancellation);

        Assert.Equal(20, await _database.Count("SELECT done FROM customer_import_job WHERE job_id = @jobId", new { jobId }));
        Assert.Equal(20, await _database.Count("SELECT count(*) FROM customer_import_outcome WHERE job_id = @jobId", new { jobId }));

        // The next command center's runner starts again from row 21.
        var after = await Runner(chunkSize: 10);
        while (await after.RunNextChunk(Cancellation) is not null)
        {
        }

        Assert.Equal(("done", 50, 50), await JobCounts(jobId));
        Assert.Equal(50, await _database.Count("SELECT count(DISTINCT row_number) FROM customer_import_outcome WHERE job_id = @jobId AND outcome = 'created'", new { jobId }));
        Assert.Equal(50, await _database.Count("SELECT count(*) FROM customer WHERE import_row_key LIKE 'killed#%'"));
        Assert.Equal(50, await _database.Count("SELECT count(*) FROM customer_key WHERE key = ANY(@keys)", new { keys = phones.Select(p => "phone:" + p).ToArray() }));
    }

    [Fact]
    public async Task Duplicates_in_the_file_and_against_existing_customers_are_reported_with_the_existing_id()
    {
        var intake = new CustomerIntake(_database.DataSource, Options.Create(new CustomerIdentityOptions()), TimeProvider.System);
        var existingPhone = Phone();
        var existing = Assert.IsType<CustomerCreated>(await intake.Create(
            new NewCustomer(new CustomerIdentity(CustomerKind.Member, "李雷", Phone: existingPhone), "rep-sh001-01", "store-sh001", new DateOnly(2026, 1, 1)), Cancellation));
        var shared = Phone();
        var creditCode = CreditCode();

        var job = await SubmitAndRun(Csv(
            MemberRow("dup#1", "+86 " + existingPhone[3..]),                                              // an existing customer's phone, written otherwise
            MemberRow("dup#2", shared),
            MemberRow("dup#3", "0086" + shared[3..]),                                                     // row 2's phone again
            $"dup#4,account,杭州云杉科技有限公司,,{creditCode},,rep-sh001-02,store-sh001,,",
            $"dup#5,account,杭州云杉科技股份有限公司,,,,rep-sh001-02,store-sh001,,"),                      // row 4's name, another legal form
            chunkSize: 2);                                                                                  // rows 2 and 3 in different chunks

        Assert.Equal((5, 2, 3, 0), (job.Done, job.Created, job.Duplicates, job.Rejected));
        var jobs = Jobs();
        var issues = await jobs.Issues(job.JobId, 0, 100, Cancellation);
        Assert.Equal([1, 3, 5], issues.Select(i => i.RowNumber));
        Assert.All(issues, i => Assert.Equal("duplicate", i.Outcome));
        Assert.Equal((existing.CustomerId, "phone"), (issues[0].ExistingCustomerId, issues[0].Field));
        var row2 = await _database.Count("SELECT count(*) FROM customer WHERE import_row_key = 'dup#2' AND customer_id = @id", new { id = issues[1].ExistingCustomerId });
        Assert.Equal(1, row2);
        Assert.Contains("Row 2", issues[1].Message, StringComparison.Ordinal);
        Assert.Equal("name", issues[2].Field);
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM customer WHERE import_row_key IN ('dup#1', 'dup#3', 'dup#5')"));
    }

    [Fact]
    public async Task Each_rejection_names_its_column_and_reason_and_nothing_is_written_for_it()
    {
        var job = await SubmitAndRun(Csv(
            MemberRow("bad#1", "12345"),
            $"bad#2,account,厦门某某贸易有限公司,,91350100M000100Y4X,,rep-sh001-01,store-sh001,,",
            MemberRow("bad#3", Phone(), owner: "rep-nobody"),
            MemberRow("bad#4", Phone(), department: "dept-nowhere"),
            MemberRow("bad#5", Phone(), from: "2026/01/01"),
            MemberRow("bad#6", Phone(), owner: "rep-gz001-01", department: "dept-south-retail"),
            "bad#7,member,too few fields",
            MemberRow("good#8", Phone())));

        Assert.Equal((8, 1, 7), (job.Done, job.Created, job.Rejected));
        var issues = await Jobs().Issues(job.JobId, 0, 100, Cancellation);
        Assert.Equal(
            [("phone", "invalid"), ("credit_code", "invalid"), ("owner_rep_id", "unknown-rep"), ("department_id", "unknown-department"),
             ("service_from", "bad-date"), ("owner_rep_id", "not-allowed"), ("row", "bad-shape")],
            issues.Select(i => (i.Field!, i.Reason!)));
        Assert.All(issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Message)));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM customer WHERE import_row_key LIKE 'bad#%'"));
    }

    [Fact]
    public async Task A_file_with_a_byte_order_mark_reads_like_one_without_and_a_bad_header_is_refused_whole()
    {
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(MemberRow("bom#1", Phone())))).ToArray();
        var jobs = Jobs();
        var queued = Assert.IsType<CustomerImportQueued>(await jobs.Submit(new MemoryStream(withBom), "bom.csv", "sh001.manager", Sh001Manager, Cancellation));
        await RunAll();
        Assert.Equal(("done", 1, 1), await JobCounts(queued.JobId));

        var refused = Assert.IsType<CustomerImportFileRefused>(await jobs.Submit(Stream("row_key,kind,name,owner_rep_id,email\nx,member,y,rep-sh001-01,a@b"), null, "sh001.manager", Sh001Manager, Cancellation));
        Assert.Equal(2, refused.Problems.Count); // email unknown, department_id missing
        Assert.IsType<CustomerImportFileRefused>(await jobs.Submit(Stream(Header + "\n"), null, "sh001.manager", Sh001Manager, Cancellation));
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM customer_import_job"));
    }

    [Fact]
    public async Task A_file_of_more_rows_than_allowed_is_refused_whole_naming_the_setting()
    {
        var jobs = new CustomerImportJobs(_database.DataSource, Options.Create(new CustomerImportOptions { MaxRows = 2 }), TimeProvider.System);

        var refused = await jobs.Submit(Stream(Csv(MemberRow("big#1", Phone()), MemberRow("big#2", Phone()), MemberRow("big#3", Phone()))), "big.csv", "sh001.manager", Sh001Manager, Cancellation);

        Assert.Contains("SalesForce:Customers:Import:MaxRows", Assert.Single(Assert.IsType<CustomerImportFileRefused>(refused).Problems), StringComparison.Ordinal);
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM customer_import_job"));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM customer_import_row"));
    }

    private static string MemberRow(string rowKey, string phone, string owner = "rep-sh001-01", string department = "store-sh001", string from = "") =>
        $"{rowKey},member,会员{Interlocked.Increment(ref _serial)},{phone},,,{owner},{department},{from},";

    private static string Csv(params IEnumerable<string> rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string Phone() => $"+86135{Interlocked.Increment(ref _serial):D8}";

    private static string CreditCode()
    {
        var first17 = $"91330100MA3{Interlocked.Increment(ref _serial):D6}";
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    private CustomerImportJobs Jobs() => new(_database.DataSource, Options.Create(new CustomerImportOptions()), TimeProvider.System);

    private Task<CustomerImportRunner> Runner(int chunkSize) => Task.FromResult(new CustomerImportRunner(
        _database.DataSource,
        Options.Create(new CustomerImportOptions { ChunkSize = chunkSize }),
        Options.Create(new CustomerIdentityOptions()),
        Options.Create(new ChainCalendarOptions()),
        TimeProvider.System));

    private async Task<string> Submit(string csv) =>
        Assert.IsType<CustomerImportQueued>(await Jobs().Submit(Stream(csv), "customers.csv", "sh001.manager", Sh001Manager, Cancellation)).JobId;

    private async Task RunAll(int chunkSize = 1000)
    {
        var runner = await Runner(chunkSize);
        while (await runner.RunNextChunk(Cancellation) is not null)
        {
        }
    }

    private async Task<CustomerImportJob> SubmitAndRun(string csv, int chunkSize = 1000)
    {
        var jobId = await Submit(csv);
        await RunAll(chunkSize);
        return (await Jobs().Find(jobId, null, Cancellation))!;
    }

    private async Task<(string Status, long Done, long Created)> JobCounts(string jobId)
    {
        var job = (await Jobs().Find(jobId, null, Cancellation))!;
        return (job.Status, job.Done, job.Created);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancellation);
    }
}
