using Dapper;
using StoreSales.Abstractions.Opportunities;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 9's opportunity grain footprint: opportunities made in the tables the way a worked one looks in contract (five
/// moves with notes, two evidence files — their descriptions; the bytes stay in PostgreSQL — and a decided contract-entry
/// approval), activated by reading their live state, with this process's managed heap read before and after: the growth
/// per grain is what an active opportunity costs the silo (target ≤ 30 KB, docs/benchmarks.md).
/// </summary>
internal static class OpportunityGrainMemory
{
    public static async Task Run(int opportunities)
    {
        Console.WriteLine($"StoreSales opportunity grain memory  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await using var database = await TestDatabase.Create("oppbench");
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
                VALUES ('cust-oppbench', 'account', '上海仁济医疗器械有限公司', '上海仁济医疗器械有限公司', 'rep-sh001-01', 'dept-east-retail', current_date, now(), now());
                INSERT INTO opportunity (opportunity_id, customer_id, owner_rep_id, department_id, product_line, title, amount, stage,
                                         stage_entered_at, last_activity_at, created_by, created_at, updated_at)
                SELECT 'opp-bench-' || g, 'cust-oppbench', 'rep-sh001-01', 'dept-east-retail', 'medical-devices', 'Ward monitors, 20 beds, lot ' || g,
                       720000, 'contract', now() - interval '2 days', now() - interval '2 days', 'rep-sh001-01', now() - interval '30 days', now()
                FROM generate_series(1, @opportunities) g;
                INSERT INTO opportunity_move (opportunity_id, seq, from_stage, to_stage, actor, at, note, evidence_ids)
                SELECT 'opp-bench-' || g, s.seq, s.from_stage, s.to_stage, 'rep-sh001-01', now() - make_interval(days => 30 - s.seq * 5), s.note, s.evidence
                FROM generate_series(1, @opportunities) g,
                     (VALUES (1, NULL, 'lead', 'opened', '{}'::bigint[]), (2, 'lead', 'needs-confirmed', 'customer asked for a demo', '{}'),
                             (3, 'needs-confirmed', 'proposal', 'needs confirmed and signed', '{1}'), (4, 'proposal', 'quote', 'minutes of the second meeting', '{2}'),
                             (5, 'quote', 'contract', 'approval 1 approved by east.director (strategic account)', '{}')) AS s(seq, from_stage, to_stage, note, evidence);
                INSERT INTO opportunity_evidence (opportunity_id, stage, requirement, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
                SELECT 'opp-bench-' || g, e.stage, e.requirement, e.requirement || '-signed-scan.pdf', 'application/pdf', 250000, sha256(('x' || g || e.requirement)::bytea), '\x25504446'::bytea, 'rep-sh001-01', now() - interval '15 days'
                FROM generate_series(1, @opportunities) g,
                     (VALUES ('needs-confirmed', 'needs-confirmation-sheet'), ('proposal', 'meeting-minutes')) AS e(stage, requirement);
                INSERT INTO approval_request (kind, subject_id, customer_id, department_id, region_id, amount, required_roles, summary, requested_by, requested_at, due_at, status, decided_at)
                SELECT 'contract-entry', 'opp-bench-' || g, 'cust-oppbench', 'dept-east-retail', 'region-east', 720000, '{sales-director}', '{}', 'rep-sh001-01', now() - interval '3 days', now() - interval '2 days', 'approved', now() - interval '2 days'
                FROM generate_series(1, @opportunities) g;
                INSERT INTO approval_decision (approval_id, role, decided_by, approve, reason, at)
                SELECT approval_id, 'sales-director', 'east.director', true, 'strategic account', now() - interval '2 days' FROM approval_request;
                """,
                new { opportunities },
                commandTimeout: 600);
        }

        await using var silo = await SiloUnderTest.Start(database, "oppmem-" + Guid.NewGuid().ToString("N")[..8]);
        var grains = silo.Grains();

        // Warm up: the code paths, caches and the reminder service's first entries are not a grain's cost.
        var warmUp = Math.Min(100, opportunities / 10);
        await Activate(grains, 1, warmUp);
        var before = GrainMemory.InThisProcess();
        await Activate(grains, warmUp + 1, opportunities);
        var after = GrainMemory.InThisProcess();
        var sample = await grains.GetGrain<IOpportunityGrain>($"opp-bench-{warmUp + 1}").GetLive();

        var added = opportunities - warmUp;
        Console.WriteLine($"{added:N0} opportunity grains activated (sample: stage {sample!.Facts.Stage}, {sample.Facts.Moves.Length} moves, {sample.Facts.Evidence.Length} evidence files, colour {sample.Colour})");
        Console.WriteLine($"managed heap growth per grain: {(after.Heap - before.Heap) / 1024.0 / added:N1} KB; resident set growth per grain: {(after.WorkingSet - before.WorkingSet) / 1024.0 / added:N1} KB");
    }

    private static Task Activate(IGrainFactory grains, int first, int last) =>
        Parallel.ForEachAsync(Enumerable.Range(first, last - first + 1), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, _) =>
        {
            var live = await grains.GetGrain<IOpportunityGrain>($"opp-bench-{n}").GetLive();
            if (live is null)
            {
                throw new InvalidOperationException($"opp-bench-{n} has no live state.");
            }
        });
}
