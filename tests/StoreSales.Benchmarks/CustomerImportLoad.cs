using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using StoreSales.Data.Customers.Import;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 8's CSV import speed: a file of <c>--rows</c> customers (members and accounts of the demo's sh001 reps, a share
/// of them duplicates of customers imported before or of earlier rows) uploaded and worked chunk by chunk exactly as the
/// command center's worker does, deduplication on, against a PostgreSQL with fsync on.
/// </summary>
internal static class CustomerImportLoad
{
    private const string Header = "row_key,kind,name,phone,credit_code,member_code,owner_rep_id,department_id,service_from,service_to";
    private static readonly string[] Reps = ["rep-sh001-01", "rep-sh001-02", "rep-sh001-03"];

    public static async Task Run(int rows, int chunkSize)
    {
        Console.WriteLine($"StoreSales customer import  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"PostgreSQL: {TestDatabase.ServerConnectionString} (must run with fsync on)");
        await using var database = await TestDatabase.Create("importbench");
        var importer = ViewerScope.Of([ChainRoles.StoreManager], [], ["store-sh001"]);
        var options = Options.Create(new CustomerImportOptions { ChunkSize = chunkSize, MaxRows = Math.Max(rows, 200_000) });
        var jobs = new CustomerImportJobs(database.DataSource, options, TimeProvider.System);
        var runner = new CustomerImportRunner(database.DataSource, options, Options.Create(new CustomerIdentityOptions()), Options.Create(new ChainCalendarOptions()), TimeProvider.System);

        // Customers already there (a tenth of the file's size), so that part of the file collides with them.
        var existing = rows / 10;
        await Import(jobs, runner, File("before", 0, existing, existing: 0), "existing customers");

        // The measured file: 3 % of rows repeat an earlier row's phone, 2 % an existing customer's, a fifth are accounts.
        var file = File("measured", existing, rows, existing);
        var result = await Import(jobs, runner, file, "measured");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"customer import: {result.Rows / result.Work.TotalSeconds:N0} rows/s, {result.Created / result.Work.TotalSeconds:N0} customers created/s "
            + $"({result.Rows:N0} rows: {result.Created:N0} created, {result.Duplicates:N0} duplicates, {result.Rejected:N0} rejected; "
            + $"upload {result.Upload.TotalSeconds:0.0} s, chunks {result.Work.TotalSeconds:0.0} s, chunk size {chunkSize})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"upload to done: {result.Rows / (result.Upload + result.Work).TotalSeconds:N0} rows/s"));
    }

    private static async Task<(int Rows, int Created, int Duplicates, int Rejected, TimeSpan Upload, TimeSpan Work)> Import(
        CustomerImportJobs jobs, CustomerImportRunner runner, byte[] file, string what)
    {
        var clock = Stopwatch.StartNew();
        var queued = (CustomerImportQueued)await jobs.Submit(new MemoryStream(file), what + ".csv", "bench", ViewerScope.Of([ChainRoles.StoreManager], [], ["store-sh001"]), CancellationToken.None);
        var upload = clock.Elapsed;
        clock.Restart();
        while (await runner.RunNextChunk(CancellationToken.None) is not null)
        {
        }

        var work = clock.Elapsed;
        var job = (await jobs.Find(queued.JobId, null, CancellationToken.None))!;
        Console.WriteLine($"{what}: {job.Total:N0} rows, {job.Created:N0} created, {job.Duplicates:N0} duplicates, {job.Rejected:N0} rejected in {(upload + work).TotalSeconds:0.0} s");
        return (job.Total, job.Created, job.Duplicates, job.Rejected, upload, work);
    }

    /// <summary>Rows <paramref name="first"/>.. of a generated file; phones and credit codes unique unless made to repeat.</summary>
    private static byte[] File(string name, int first, int count, int existing)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < count; i++)
        {
            var n = first + i;
            // 3 rows a hundred repeat the phone of a row 50 before (which has its own): duplicates within the file;
            // 2 a hundred take an existing customer's (one of the earlier file's rows with its own phone).
            var phoneOf = i % 100 < 3 && i >= 50 ? n - 50
                : i % 100 is 3 or 4 && existing > 0 ? i % existing
                : n;
            var rep = Reps[n % Reps.Length];
            if (i % 5 == 4)
            {
                var first17 = string.Create(CultureInfo.InvariantCulture, $"91310000MA{n:D7}");
                text.Append(CultureInfo.InvariantCulture, $"{name}#{n},account,上海测试贸易{n}有限公司,{Phone(phoneOf)},{first17}{UnifiedSocialCreditCode.CheckCharacter(first17)},,{rep},store-sh001,2026-01-01,\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}#{n},member,会员{n},{Phone(phoneOf)},,M{n:D9},{rep},store-sh001,,\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Phone(int n) => string.Create(CultureInfo.InvariantCulture, $"+86135{n:D8}");
}
