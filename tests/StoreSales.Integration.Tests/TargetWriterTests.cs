using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Data.Targets;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.Targets;
using StoreSales.Domain.Targets.Changes;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The one write path of targets (docs/domain.md "Sales targets") on a real database: a batch (a region's calibrated
/// store split) is written whole with one audit row per change, or not at all; the freeze is enforced here too.
/// </summary>
public sealed class TargetWriterTests : IAsyncLifetime
{
    private static readonly DateOnly March = new(2031, 3, 1);
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2031, 3, 10, 12, 0, 0, Shanghai).ToUniversalTime());
    private TestDatabase _database = null!;
    private TargetWriter _writer = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("targets");
        _writer = new TargetWriter(_database.DataSource, Options.Create(new TargetFreezeOptions()), Options.Create(new ChainCalendarOptions()), _clock);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_calibrated_split_is_written_whole_with_one_audit_row_per_store()
    {
        TargetWrite[] split =
        [
            new(TargetLevel.Store, "store-sh001", March, 1_800_000.00m, "staffing"),
            new(TargetLevel.Store, "store-sh002", March, 1_500_000.00m, "competitor-nearby"),
            new(TargetLevel.Store, "store-hz001", March, 1_200_000.50m, null),
        ];

        var result = await _writer.Apply(split, "east.manager", TargetChangeSource.Calibration, CancellationToken.None);

        var written = Assert.IsType<TargetsWritten>(result);
        Assert.Equal(3, written.Changes.Count);
        Assert.All(written.Changes, c => Assert.Null(c.OldAmount));
        Assert.Equal(4_500_000.50m, await Sum("store_target"));
        var audit = (await Audit()).ToList();
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.Equal(("east.manager", "calibration"), (a.ChangedBy, a.Source)));
        Assert.Contains(audit, a => a.SubjectId == "store-sh002" && a.Reason == "competitor-nearby" && a.NewAmount == 1_500_000.00m);
    }

    [Fact]
    public async Task A_batch_with_an_unknown_store_or_a_negative_share_writes_nothing_and_names_the_row()
    {
        TargetWrite[] unknown = [new(TargetLevel.Store, "store-sh001", March, 10m, null), new(TargetLevel.Store, "store-nowhere", March, 10m, null)];
        TargetWrite[] negative = [new(TargetLevel.Store, "store-sh001", March, 10m, null), new(TargetLevel.Store, "store-sh002", March, -10m, null)];
        TargetWrite[] twice = [new(TargetLevel.Store, "store-sh001", March, 10m, null), new(TargetLevel.Store, "store-sh001", March, 20m, null)];

        var unknownResult = await _writer.Apply(unknown, "east.manager", TargetChangeSource.Calibration, CancellationToken.None);
        var negativeResult = await _writer.Apply(negative, "east.manager", TargetChangeSource.Calibration, CancellationToken.None);
        var twiceResult = await _writer.Apply(twice, "east.manager", TargetChangeSource.Calibration, CancellationToken.None);

        Assert.Equal(1, Assert.IsType<TargetSubjectUnknown>(unknownResult).Index);
        var refused = Assert.IsType<TargetWriteRefused>(negativeResult);
        Assert.Equal("targets[1].amount", refused.Refused.Field);
        Assert.Equal(TargetRefusal.Negative, refused.Refused.Refusal);
        Assert.Equal(TargetRefusal.Duplicate, Assert.IsType<TargetWriteRefused>(twiceResult).Refused.Refusal);
        Assert.Equal(0m, await Sum("store_target"));
        Assert.Empty(await Audit());
    }

    [Fact]
    public async Task After_the_freeze_an_edit_or_a_calibration_is_refused_by_the_write_path_itself()
    {
        _clock.SetUtcNow(new DateTimeOffset(2031, 3, 26, 0, 0, 0, Shanghai));

        var result = await _writer.Apply([new(TargetLevel.Region, "region-east", March, 5_000_000m, null)], "hq", TargetChangeSource.Edit, CancellationToken.None);

        var refused = Assert.IsType<TargetWriteRefused>(result);
        Assert.Equal(TargetRefusal.Frozen, refused.Refused.Refusal);
        Assert.Equal("month", refused.Refused.Field);
        Assert.Empty(await Audit());
    }

    [Fact]
    public async Task Setting_the_same_value_again_changes_nothing_and_writes_no_audit_row()
    {
        TargetWrite[] rep = [new(TargetLevel.Rep, "rep-sh001-01", March, 40_000m, "first")];
        await _writer.Apply(rep, "sh001.manager", TargetChangeSource.Edit, CancellationToken.None);

        var again = await _writer.Apply(rep, "sh001.manager", TargetChangeSource.Edit, CancellationToken.None);

        Assert.Empty(Assert.IsType<TargetsWritten>(again).Changes);
        Assert.Single(await Audit());
    }

    [Fact]
    public async Task Simultaneous_changes_of_one_target_each_see_the_other_as_the_old_amount()
    {
        var amounts = Enumerable.Range(1, 8).Select(i => i * 1_000m).ToArray();

        await Task.WhenAll(amounts.Select(a =>
            _writer.Apply([new(TargetLevel.Store, "store-gz001", March, a, null)], "hq", TargetChangeSource.Edit, CancellationToken.None)));

        // A chain: each change's old amount is the new amount of the one before it, the first starts from none.
        var audit = (await Audit()).OrderBy(a => a.ChangeId).ToList();
        Assert.Equal(8, audit.Count);
        Assert.Null(audit[0].OldAmount);
        for (var i = 1; i < audit.Count; i++)
        {
            Assert.Equal(audit[i - 1].NewAmount, audit[i].OldAmount);
        }

        Assert.Equal(audit[^1].NewAmount, await Sum("store_target"));
    }

    private async Task<decimal> Sum(string table)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<decimal?>($"SELECT sum(amount) FROM {table} WHERE month = @month", new { month = March.ToDateTime(TimeOnly.MinValue) }) ?? 0m;
    }

    private async Task<IReadOnlyList<TargetChangeEntry>> Audit() =>
        await new TargetBook(_database.DataSource).Changes(March, null, null, CancellationToken.None);
}
