using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Api;
using StoreSales.Domain.Access;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// CSV import and audited export on the real command center (its import worker running) and PostgreSQL: who may
/// import, a job followed to done with its rejected rows, who may export (a right of its own), what an export contains
/// and that every attempt, refused or not, is in <c>customer_export_audit</c>.
/// </summary>
public sealed class CustomerImportExportApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string Header = "row_key,kind,name,phone,credit_code,member_code,owner_rep_id,department_id,service_from,service_to";

    // The demo's sales manager of the demo rep's team (dept-east-retail), and, added by the tests once per chain, a store
    // manager of sh001 who was given the export right.
    private const string SalesManager = DemoLogins.EastSales;
    private const string Exporter = "sh001.exporter";

    private static int _serial;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DemoLogins.Admin, HttpStatusCode.Accepted)]
    [InlineData(DemoLogins.Sh001Manager, HttpStatusCode.Accepted)]
    [InlineData(SalesManager, HttpStatusCode.Accepted)]
    [InlineData(DemoLogins.Sh001Rep, HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Hq, HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.EastManager, HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.EastSupervisor, HttpStatusCode.Forbidden)]
    public async Task Who_may_import(string userName, HttpStatusCode expected)
    {
        await AddStaff();
        using var client = await chain.CommandCenter.CreateSignedInClient(userName);

        using var response = await client.PostAsync("/api/customers/import", CsvBody(Row($"who-{userName}", Phone())), Cancellation);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_sign_in_import_and_export_answer_401()
    {
        using var anonymous = chain.CommandCenter.CreateClient();

        using var import = await anonymous.PostAsync("/api/customers/import", CsvBody(Row("anon", Phone())), Cancellation);
        using var export = await anonymous.GetAsync("/api/customers/export", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, import.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);
    }

    [Fact]
    public async Task A_manager_s_upload_is_worked_to_done_in_the_background_and_its_rejected_rows_say_why()
    {
        using var counted = new ImportedRows(chain.CommandCenter.Services.GetRequiredService<IMeterFactory>());
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(
            Row("job#1", Phone()),
            Row("job#2", Phone(), owner: "rep-gz001-01", department: "dept-south-retail"),   // not the manager's team
            Row("job#3", "not a phone"),
            Row("job#4", Phone(), owner: "rep-sh001-02")))).ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "sh001-customers.csv");

        using var accepted = await manager.PostAsync("/api/customers/import", form, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.OriginalString;
        var jobId = (await Json(accepted)).GetProperty("jobId").GetString()!;
        Assert.Equal($"/api/customers/import/{jobId}", location);
        var job = await Eventually.Until(() => manager.GetFromJsonAsync<JsonElement>(location, Cancellation), j => j.GetProperty("status").GetString() == "done");
        Assert.Equal("done", job.GetProperty("status").GetString());
        Assert.Equal((4, 4, 2, 2), (job.GetProperty("total").GetInt32(), job.GetProperty("done").GetInt32(), job.GetProperty("created").GetInt32(), job.GetProperty("rejected").GetInt32()));
        Assert.Equal("sh001-customers.csv", job.GetProperty("fileName").GetString());
        var rows = job.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("rowNumber").GetInt32(), r.GetProperty("field").GetString(), r.GetProperty("reason").GetString())).ToList();
        Assert.Equal([(2, "owner_rep_id", "not-allowed"), (3, "phone", "invalid")], rows);
        await Eventually.Holds(() => counted.Rows("created", "") >= 2 && counted.Rows("rejected", "not-allowed") >= 1 && counted.Rows("rejected", "invalid") >= 1, "the rows are counted by outcome and reason", cancellationToken: Cancellation);

        // Only the importer (and administrators) follow a job; for anyone else it does not exist.
        using var other = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(location, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(location, Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_file_whose_header_will_not_do_is_refused_naming_file_and_nothing_is_queued()
    {
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var jobs = await chain.Database.Count("SELECT count(*) FROM customer_import_job");

        using var refused = await manager.PostAsync("/api/customers/import", new StringContent("row_key,kind,name,email\nx,member,y,z\n", Encoding.UTF8, "text/csv"), Cancellation);
        using var unsupported = await manager.PostAsync("/api/customers/import", JsonContent.Create(new { rows = 1 }), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problems = (await Json(refused)).GetProperty("errors").GetProperty("file").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains(problems, p => p!.Contains("'email'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p!.Contains("'department_id'", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        Assert.Equal(jobs, await chain.Database.Count("SELECT count(*) FROM customer_import_job"));
    }

    [Theory]
    [InlineData(DemoLogins.Sh001Manager)]
    [InlineData(SalesManager)]
    [InlineData(DemoLogins.Hq)]
    [InlineData(DemoLogins.Sh001Rep)]
    public async Task Export_without_the_right_is_refused_403_and_the_attempt_is_audited(string userName)
    {
        await AddStaff();
        using var measurements = new CustomerRejections(chain.CommandCenter.Services.GetRequiredService<IMeterFactory>());
        using var client = await chain.CommandCenter.CreateSignedInClient(userName);
        var before = await Audited(userName, allowed: false);

        using var refused = await client.GetAsync("/api/customers/export?departmentId=store-sh001", Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("export-contacts", (await Json(refused)).GetProperty("rule").GetString());
        Assert.Equal(before + 1, await Audited(userName, allowed: false));
        Assert.Contains(("export", "export_contacts"), measurements.Seen);
        Assert.Equal(1, await chain.Database.Count(
            "SELECT count(*) FROM customer_export_audit WHERE export_id = (SELECT max(export_id) FROM customer_export_audit WHERE exported_by = @userName) AND filter->>'departmentId' = 'store-sh001' AND row_count = 0",
            new { userName }));
    }

    [Fact]
    public async Task An_export_with_the_right_has_the_phones_unmasked_only_the_customers_the_caller_sees_and_its_row_count_audited()
    {
        await AddStaff();
        var sh001Phone = Phone();
        var gz001Phone = Phone();
        await ImportAsAdmin(Row("export#sh", sh001Phone), Row("export#gz", gz001Phone, owner: "rep-gz001-01", department: "dept-south-retail"));
        using var exporter = await chain.CommandCenter.CreateSignedInClient(Exporter);
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);

        using var team = await exporter.GetAsync("/api/customers/export", Cancellation);
        using var south = await admin.GetAsync("/api/customers/export?departmentId=dept-south-retail&kind=member", Cancellation);

        Assert.Equal(HttpStatusCode.OK, team.StatusCode);
        Assert.Equal("text/csv", team.Content.Headers.ContentType!.MediaType);
        var teamLines = await Lines(team);
        Assert.Equal("customer_id," + Header, teamLines[0]);
        Assert.Contains(teamLines, l => l.Contains(",export#sh,", StringComparison.Ordinal) && l.Contains("," + sh001Phone + ",", StringComparison.Ordinal));
        Assert.DoesNotContain(teamLines, l => l.Contains("export#gz", StringComparison.Ordinal));       // another store's team
        Assert.Equal(teamLines.Count - 1, await chain.Database.Count(
            "SELECT row_count FROM customer_export_audit WHERE exported_by = @Exporter AND allowed ORDER BY export_id DESC LIMIT 1", new { Exporter }));

        var southLines = await Lines(south);
        Assert.Contains(southLines, l => l.Contains(",export#gz,", StringComparison.Ordinal) && l.Contains("," + gz001Phone + ",", StringComparison.Ordinal));
        Assert.All(southLines.Skip(1), l => Assert.Contains(",dept-south-retail,", l, StringComparison.Ordinal));
        Assert.Equal(1, await chain.Database.Count(
            "SELECT count(*) FROM customer_export_audit WHERE export_id = (SELECT max(export_id) FROM customer_export_audit WHERE exported_by = 'admin') AND allowed AND filter->>'kind' = 'member' AND row_count = @rows",
            new { rows = southLines.Count - 1 }));
    }

    /// <summary>The import worker's rows by outcome and reason, as one command center's meter counts them.</summary>
    private sealed class ImportedRows : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<(string Outcome, string Reason), long> _rows = [];

        public ImportedRows(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CustomerMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "storesales.customers.import.rows")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string outcome = "", reason = "";
                foreach (var tag in tags)
                {
                    outcome = tag.Key == "outcome" ? (string)tag.Value! : outcome;
                    reason = tag.Key == "reason" ? (string)tag.Value! : reason;
                }

                lock (_rows)
                {
                    _rows[(outcome, reason)] = _rows.GetValueOrDefault((outcome, reason)) + value;
                }
            });
            _listener.Start();
        }

        public long Rows(string outcome, string reason)
        {
            lock (_rows)
            {
                return _rows.GetValueOrDefault((outcome, reason));
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    private async Task AddStaff()
    {
        await chain.CommandCenter.EnsureStaff(Exporter, ChainRoles.StoreManager, new Claim(ScopeClaims.Store, "store-sh001"), new Claim(ScopeClaims.Right, ChainRights.ExportContacts));
    }

    private async Task ImportAsAdmin(params string[] rows)
    {
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        using var accepted = await admin.PostAsync("/api/customers/import", CsvBody(rows), Cancellation);
        var location = accepted.Headers.Location!.OriginalString;
        var job = await Eventually.Until(() => admin.GetFromJsonAsync<JsonElement>(location, Cancellation), j => j.GetProperty("status").GetString() == "done");
        Assert.Equal(rows.Length, job.GetProperty("created").GetInt32());
    }

    private Task<long> Audited(string userName, bool allowed) =>
        chain.Database.Count("SELECT count(*) FROM customer_export_audit WHERE exported_by = @userName AND allowed = @allowed", new { userName, allowed });

    private static async Task<List<string>> Lines(HttpResponseMessage response) =>
        [.. (await response.Content.ReadAsStringAsync(Cancellation)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];

    private static string Row(string rowKey, string phone, string owner = "rep-sh001-01", string department = "store-sh001") =>
        $"{rowKey},member,会员{Interlocked.Increment(ref _serial)},{phone},,,{owner},{department},,";

    private static string Csv(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    private static StringContent CsvBody(params string[] rows) => new(Csv(rows), Encoding.UTF8, "text/csv");

    private static string Phone() => $"+86136{Interlocked.Increment(ref _serial):D8}";

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(Cancellation));
}
