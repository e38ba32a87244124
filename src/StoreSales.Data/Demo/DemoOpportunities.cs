using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Data.Demo;

/// <summary>
/// The demo's opportunities (docs/domain.md "Opportunities"): for the demo rep and a colleague of the team, one in every
/// stage of the chain's path, two yellow, two stalled (their grains raise <c>opportunity-stalled</c> once woken), and one
/// above the contract approval amount in quote waiting for the sales director (filed through the approval book). Each
/// with the moves and evidence files that got it there. Ids are fixed (<c>opp-demo-NN</c>): seeding again adds nothing.
/// </summary>
public sealed class DemoOpportunities(NpgsqlDataSource dataSource, OpportunityOptions options, ApprovalBook approvals)
{
    /// <summary>The demo rep (sh001.rep) and a colleague of the same team.</summary>
    public static readonly IReadOnlyList<string> Reps = ["rep-sh001-01", "rep-sh001-02"];

    private static readonly (int Rep, string Stage, int IdleDays, decimal Amount, string Title)[] Plan =
    [
        (0, "lead", 1, 86_000m, "Infusion pumps for the new ward"),
        (0, "needs-confirmed", 3, 240_000m, "Patient monitors, 20 beds"),
        (0, "proposal", 9, 132_000m, "Disposable kits, annual supply"),
        (0, "quote", 2, 410_000m, "Ultrasound upgrade"),
        (0, "contract", 4, 380_000m, "Dialysis consumables"),
        (0, "payment", 1, 95_000m, "Sterilisation service"),
        (0, "needs-confirmed", 16, 58_000m, "Wheelchairs and beds"),
        (0, "quote", 1, 1_280_000m, "Operating theatre fit-out"),
        (1, "proposal", 20, 175_000m, "Lab analyser reagents"),
        (1, "lead", 8, 64_000m, "Pharmacy shelving"),
        (1, "contract", 2, 220_000m, "ECG carts"),
    ];

    /// <summary>Seeds what is not there yet; returns the ids added (their grains are to be woken so ageing starts).</summary>
    public async Task<IReadOnlyList<string>> Seed(DateTimeOffset now, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The owner rep's store gives the region: the approval's scope (which region's director decides) follows the chain.
        var customers = (await connection.QueryAsync<(string CustomerId, string OwnerRepId, string DepartmentId, string RegionId)>(new CommandDefinition(
            """
            SELECT c.customer_id, c.owner_rep_id, c.department_id, s.region_id
            FROM customer c JOIN rep r ON r.rep_id = c.owner_rep_id JOIN store s ON s.store_id = r.store_id
            WHERE c.owner_rep_id = ANY(@reps) AND c.merged_into IS NULL ORDER BY c.created_at, c.customer_id LIMIT 200
            """,
            new { reps = Reps.ToArray() }, cancellationToken: cancellationToken))).ToList();
        var added = new List<string>();
        var path = options.PathOf(OpportunityOptions.DefaultLine);
        for (var n = 0; n < Plan.Length; n++)
        {
            var (rep, stageName, idleDays, amount, title) = Plan[n];
            var owned = customers.Where(c => c.OwnerRepId == Reps[rep]).ToList();
            if (owned.Count == 0 || path.Find(stageName) is not { } stage)
            {
                continue;
            }

            var customer = owned[n % owned.Count];
            var id = $"opp-demo-{n + 1:D2}";
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var lastActivity = now.AddDays(-idleDays);
            var opened = lastActivity.AddDays(-3 * (stage.Index + 1));
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO opportunity (opportunity_id, customer_id, owner_rep_id, department_id, product_line, title, amount, stage,
                                         stage_entered_at, last_activity_at, created_by, created_at, updated_at)
                VALUES (@id, @CustomerId, @OwnerRepId, @DepartmentId, 'medical-devices', @title, @amount, @stage, @lastActivity, @lastActivity, @OwnerRepId, @opened, @lastActivity)
                ON CONFLICT (opportunity_id) DO NOTHING
                """,
                new { id, customer.CustomerId, customer.OwnerRepId, customer.DepartmentId, title, amount, stage = stage.Name, lastActivity, opened },
                transaction,
                cancellationToken: cancellationToken));
            if (inserted == 0)
            {
                continue;
            }

            // The path that got it here: a move a stage every three days, each gate's documents uploaded the day before.
            await Move(connection, transaction, id, 1, null, path.First.Name, customer.OwnerRepId, opened, "opened", [], cancellationToken);
            for (var i = 1; i <= stage.Index; i++)
            {
                var left = path.Stages[i - 1];
                var at = i == stage.Index ? lastActivity : opened.AddDays(3 * i);
                var evidence = new List<long>();
                foreach (var requirement in left.Evidence)
                {
                    evidence.Add(await Evidence(connection, transaction, id, left.Name, requirement, customer.OwnerRepId, at.AddDays(-1), cancellationToken));
                }

                await Move(connection, transaction, id, i + 1, left.Name, path.Stages[i].Name, customer.OwnerRepId, at, null, [.. evidence], cancellationToken);
            }

            if (path.Next(stage) is { } next && StageMoveRule.NeedsApproval(next.Name, amount, options))
            {
                await approvals.FileIn(connection, transaction, new NewApprovalRequest(
                    ApprovalKinds.ContractEntry, id, [ChainRoles.SalesDirector], customer.OwnerRepId, null,
                    customer.CustomerId, customer.DepartmentId, customer.RegionId, amount,
                    JsonSerializer.Serialize(new { opportunityId = id, title, ownerRepId = customer.OwnerRepId, productLine = "medical-devices", fromStage = stage.Name, toStage = next.Name, amount, currency = "CNY", approvalAmount = options.ContractApprovalAmount })),
                    cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            added.Add(id);
        }

        return added;
    }

    private static Task<int> Move(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, int seq, string? from, string to, string actor, DateTimeOffset at, string? note, long[] evidence, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO opportunity_move (opportunity_id, seq, from_stage, to_stage, actor, at, note, evidence_ids) VALUES (@id, @seq, @from, @to, @actor, @at, @note, @evidence)",
            new { id, seq, from, to, actor, at, note, evidence }, transaction, cancellationToken: cancellationToken));

    private static Task<long> Evidence(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, string stage, string requirement, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var content = Encoding.ASCII.GetBytes($"%PDF-1.4\n% StoreSales demo: {requirement} of {id}\n%%EOF\n");
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO opportunity_evidence (opportunity_id, stage, requirement, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
            VALUES (@id, @stage, @requirement, @fileName, 'application/pdf', @size, @sha256, @content, @by, @at) RETURNING evidence_id
            """,
            new { id, stage, requirement, fileName = requirement + ".pdf", size = content.Length, sha256 = SHA256.HashData(content), content, by, at },
            transaction,
            cancellationToken: cancellationToken));
    }
}
