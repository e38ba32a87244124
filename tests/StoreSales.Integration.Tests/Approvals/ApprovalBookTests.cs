using System.Collections.Concurrent;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests.Approvals;

/// <summary>
/// The approval book on a real PostgreSQL: what the database holds when deciders race, a kind files twice or withdraws,
/// an outcome applies (or fails) inside the deciding transaction, and what an open inbox hears (NOTIFY at commit only).
/// </summary>
public sealed class ApprovalBookTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 1, 0, 0, TimeSpan.Zero);

    // A filer may compute its due time in the chain's time zone (UTC+8): the same instant is kept.
    private static readonly DateTimeOffset DueInChainTime = Start.ToOffset(TimeSpan.FromHours(8)).AddDays(1);
    private static readonly HashSet<string> LegalRole = new(StringComparer.Ordinal) { ChainRoles.Legal };
    private static int _serial;

    private readonly FakeTimeProvider _clock = new(Start);
    private TestDatabase _database = null!;
    private ApprovalBook _book = null!;
    private ProbeOutcome _outcome = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("approvals", seedDemo: false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync("CREATE TABLE outcome_probe (approval_id bigint PRIMARY KEY, status text NOT NULL)");
        _outcome = new ProbeOutcome();
        _book = new ApprovalBook(_database.DataSource, [_outcome], _clock, Microsoft.Extensions.Options.Options.Create(new StoreSales.Domain.Approvals.ApprovalOptions()), NullLogger<ApprovalBook>.Instance);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Of_two_simultaneous_decisions_in_one_role_one_is_kept_and_the_other_is_told_the_role_decided()
    {
        var filed = await _book.File(Quote(), Cancellation);
        var results = await Task.WhenAll(
            Task.Run(() => _book.Decide(filed.Request.ApprovalId, true, "clauses standard", "legal", LegalRole, Cancellation), Cancellation),
            Task.Run(() => _book.Decide(filed.Request.ApprovalId, true, "clauses checked", "legal.deputy", LegalRole, Cancellation), Cancellation));

        Assert.Single(results.OfType<ApprovalDecided>());
        var refused = Assert.Single(results.OfType<ApprovalRefusedResult>());
        Assert.Equal(ApprovalRefusal.RoleAlreadyDecided, refused.Refused.Refusal);
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM approval_decision WHERE approval_id = @id", new { id = filed.Request.ApprovalId }));
        var now = await _book.Find(filed.Request.ApprovalId, Cancellation);
        Assert.Equal([ChainRoles.Finance], now!.Waiting);
    }

    [Fact]
    public async Task Filing_twice_in_a_transaction_finds_the_pending_request_and_after_a_decision_files_anew()
    {
        var request = Quote();
        ApprovalFiled first;
        ApprovalFiled second;
        await using (var connection = await _database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await using var transaction = await connection.BeginTransactionAsync(Cancellation);
            first = await _book.FileIn(connection, transaction, request, Cancellation);
            second = await _book.FileIn(connection, transaction, request with { Amount = 999m }, Cancellation);
            await transaction.CommitAsync(Cancellation);
        }

        Assert.False(first.Existing);
        Assert.True(second.Existing);
        Assert.Equal(first.Request.ApprovalId, second.Request.ApprovalId);
        Assert.Equal(request.Amount, second.Request.Amount);   // the pending one as filed, not the second ask
        Assert.Equal(DueInChainTime, second.Request.DueAt);

        await _book.Decide(first.Request.ApprovalId, false, "margin below floor", "finance", new HashSet<string>([ChainRoles.Finance]), Cancellation);
        var third = await _book.File(request, Cancellation);

        Assert.False(third.Existing);
        Assert.NotEqual(first.Request.ApprovalId, third.Request.ApprovalId);
    }

    [Fact]
    public async Task A_withdrawn_request_can_no_longer_be_decided_and_a_new_one_may_be_filed()
    {
        var request = Quote();
        var filed = await _book.File(request, Cancellation);
        ApprovalRequest? withdrawn;
        await using (var connection = await _database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await using var transaction = await connection.BeginTransactionAsync(Cancellation);
            withdrawn = await _book.WithdrawIn(connection, transaction, request.Kind, request.SubjectId, Cancellation);
            Assert.Null(await _book.WithdrawIn(connection, transaction, request.Kind, request.SubjectId, Cancellation));   // none pending any more
            await transaction.CommitAsync(Cancellation);
        }

        Assert.Equal(ApprovalStatus.Withdrawn, withdrawn!.Status);
        var late = Assert.IsType<ApprovalRefusedResult>(await _book.Decide(filed.Request.ApprovalId, true, "ok", "legal", LegalRole, Cancellation));
        Assert.Equal(ApprovalRefusal.AlreadyDecided, late.Refused.Refusal);
        Assert.False((await _book.File(request, Cancellation)).Existing);
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM approval_decision WHERE approval_id = @id", new { id = filed.Request.ApprovalId }));
    }

    [Fact]
    public async Task The_outcome_is_applied_in_the_deciding_transaction_once_the_last_role_approves()
    {
        var filed = await _book.File(Quote(), Cancellation);

        await _book.Decide(filed.Request.ApprovalId, true, "clauses standard", "legal", LegalRole, Cancellation);
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM outcome_probe"));   // one role of two: not decided yet
        var decided = Assert.IsType<ApprovalDecided>(
            await _book.Decide(filed.Request.ApprovalId, true, "margin 18 %", "finance", new HashSet<string>([ChainRoles.Finance]), Cancellation));

        Assert.Equal(ApprovalStatus.Approved, decided.Request.Status);
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM outcome_probe WHERE approval_id = @id AND status = 'Approved'", new { id = filed.Request.ApprovalId }));
        Assert.Contains(filed.Request.ApprovalId, _outcome.Told);   // and told after the commit
    }

    [Fact]
    public async Task An_outcome_that_fails_rolls_the_decision_back_whole()
    {
        var filed = await _book.File(Quote() with { SummaryJson = """{"fail":true}""" }, Cancellation);
        _outcome.FailFor.Add(filed.Request.ApprovalId);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _book.Decide(filed.Request.ApprovalId, false, "no", "legal", LegalRole, Cancellation));

        var after = await _book.Find(filed.Request.ApprovalId, Cancellation);
        Assert.Equal(ApprovalStatus.Pending, after!.Status);
        Assert.Empty(after.Decisions);
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM outcome_probe"));
    }

    [Fact]
    public async Task An_inbox_is_told_of_a_request_filed_in_a_kinds_transaction_only_when_it_commits()
    {
        var heard = new ConcurrentQueue<string>();
        await using var listener = await _database.DataSource.OpenConnectionAsync(Cancellation);
        listener.Notification += (_, notice) => heard.Enqueue(notice.Payload);
        await listener.ExecuteAsync("LISTEN approval_changed");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        // Waited in slices, as the command center's listener does: a cancelled Npgsql wait would leave the connection busy.
        var listening = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await listener.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
        }, Cancellation);

        var rolledBack = Quote();
        await using (var connection = await _database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await using var transaction = await connection.BeginTransactionAsync(Cancellation);
            await _book.FileIn(connection, transaction, rolledBack, Cancellation);
            await transaction.RollbackAsync(Cancellation);
        }

        var kept = await _book.File(Quote(), Cancellation);
        await Eventually.Holds(() => !heard.IsEmpty, "the committed request is heard", TimeSpan.FromSeconds(5), Cancellation);
        await stop.CancelAsync();
        await listening;

        Assert.DoesNotContain(heard, p => p.Contains(rolledBack.SubjectId, StringComparison.Ordinal));
        var notice = Assert.Single(heard);
        using var json = JsonDocument.Parse(notice);
        Assert.Equal(kept.Request.ApprovalId, json.RootElement.GetProperty("approvalId").GetInt64());
        Assert.Equal("pending", json.RootElement.GetProperty("status").GetString());
        Assert.Equal([ChainRoles.Legal, ChainRoles.Finance], json.RootElement.GetProperty("requiredRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("region-east", json.RootElement.GetProperty("regionId").GetString());
        Assert.DoesNotContain("margin", notice, StringComparison.Ordinal);   // nothing of the summary travels
    }

    [Fact]
    public async Task The_inbox_lists_what_waits_for_a_role_in_its_scope_and_not_after_that_role_decided()
    {
        var east = await _book.File(Director("region-east", "dept-east-retail"), Cancellation);
        var south = await _book.File(Director("region-south", "dept-south-retail"), Cancellation);
        var teamOnly = await _book.File(Director(null, "dept-east-b2b"), Cancellation);
        var top = await _book.File(Quote(), Cancellation);
        var director = new ApprovalInboxFilter([], [ChainRoles.SalesDirector], ["region-east"], ["dept-east-b2b"]);
        var legal = new ApprovalInboxFilter([ChainRoles.Legal], [], [], []);

        var directors = (await _book.WaitingFor(director, 100, Cancellation)).Select(r => r.ApprovalId).ToList();
        Assert.Contains(east.Request.ApprovalId, directors);
        Assert.Contains(teamOnly.Request.ApprovalId, directors);
        Assert.DoesNotContain(south.Request.ApprovalId, directors);
        Assert.DoesNotContain(top.Request.ApprovalId, directors);

        Assert.Contains(top.Request.ApprovalId, (await _book.WaitingFor(legal, 100, Cancellation)).Select(r => r.ApprovalId));
        await _book.Decide(top.Request.ApprovalId, true, "clauses standard", "legal", LegalRole, Cancellation);
        Assert.DoesNotContain(top.Request.ApprovalId, (await _book.WaitingFor(legal, 100, Cancellation)).Select(r => r.ApprovalId));
    }

    private static NewApprovalRequest Quote() => new(
        ApprovalKinds.Quote, $"Q-{Interlocked.Increment(ref _serial)}-v1", [ChainRoles.Legal, ChainRoles.Finance], "sh001.rep", DueInChainTime,
        DepartmentId: "dept-east-retail", RegionId: "region-east", Amount: 620_000m, SummaryJson: """{"discount":0.22,"margin":0.18}""");

    private static NewApprovalRequest Director(string? region, string department) => new(
        ApprovalKinds.ContractEntry, $"opp-{Interlocked.Increment(ref _serial)}", [ChainRoles.SalesDirector], "sh001.rep", DueInChainTime,
        DepartmentId: department, RegionId: region, Amount: 800_000m);

    /// <summary>A kind's outcome that writes a row in the deciding transaction, or fails when told to.</summary>
    private sealed class ProbeOutcome : IApprovalOutcome
    {
        public ConcurrentBag<long> FailFor { get; } = [];

        public ConcurrentBag<long> Told { get; } = [];

        public string Kind => ApprovalKinds.Quote;

        public async Task Apply(ApprovalRequest decided, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO outcome_probe (approval_id, status) VALUES (@ApprovalId, @status)",
                new { decided.ApprovalId, status = decided.Status.ToString() }, transaction, cancellationToken: cancellationToken));
            if (FailFor.Contains(decided.ApprovalId))
            {
                throw new InvalidOperationException("The subject could not take the outcome.");
            }
        }

        public Task AfterCommit(ApprovalRequest request, CancellationToken cancellationToken)
        {
            Told.Add(request.ApprovalId);
            return Task.CompletedTask;
        }
    }
}
