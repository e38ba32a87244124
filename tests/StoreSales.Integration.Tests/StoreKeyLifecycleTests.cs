using Microsoft.Extensions.Time.Testing;
using StoreSales.Data.Access;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// A store key's life on a real PostgreSQL (migration 0471): issued for a known store only, stored as its hash, listed by
/// id and prefix; rotated, the old key works beside the new one until the overlap ends; revoked, it stops at once.
/// </summary>
public sealed class StoreKeyLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Overlap = TimeSpan.FromDays(2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 22, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private StoreKeys _keys = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("storekeylife");
        _keys = new StoreKeys(_database.DataSource, _clock);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task An_issued_key_opens_its_store_and_is_kept_only_as_its_hash()
    {
        var issued = await _keys.Issue("store-sh002", "back office PC", "admin", Cancel);

        Assert.NotNull(issued);
        Assert.Equal("store-sh002", await _keys.FindStore(issued.Key, Cancel));
        Assert.Equal(issued.Key[..StoreKeys.PrefixLength], issued.Entry.Prefix);
        Assert.Equal(Convert.ToHexStringLower(StoreKeys.Hash(issued.Key))[..12], issued.Entry.KeyId);
        Assert.Equal(("back office PC", "admin"), (issued.Entry.Label, issued.Entry.IssuedBy));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM store_api_key WHERE @key IN (label, prefix, key_id, coalesce(issued_by, ''))", new { key = issued.Key }));
        Assert.Null(await _keys.Issue("store-nowhere", "x", "admin", Cancel));
        Assert.Null(await _keys.FindStore(issued.Key + "x", Cancel));
    }

    [Fact]
    public async Task A_rotated_key_works_beside_its_successor_until_the_overlap_ends()
    {
        var old = (await _keys.Issue("store-sz001", "PC", "admin", Cancel))!;

        _clock.Advance(TimeSpan.FromHours(1));
        var successor = (await _keys.Rotate(old.Entry.KeyId, Overlap, "admin", Cancel))!;

        Assert.Equal(("store-sz001", "PC"), (successor.Entry.StoreId, successor.Entry.Label));
        Assert.Equal("store-sz001", await _keys.FindStore(old.Key, Cancel));
        Assert.Equal("store-sz001", await _keys.FindStore(successor.Key, Cancel));
        var listed = (await _keys.List("store-sz001", Cancel)).Single(e => e.KeyId == old.Entry.KeyId);
        Assert.Equal(successor.Entry.KeyId, listed.ReplacedBy);
        Assert.Equal(_clock.GetUtcNow() + Overlap, Data.LedgerTime.Utc(listed.ExpiresAt!.Value));

        _clock.Advance(Overlap - TimeSpan.FromSeconds(1));
        Assert.Equal("store-sz001", await _keys.FindStore(old.Key, Cancel));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await _keys.FindStore(old.Key, Cancel));
        Assert.Equal("store-sz001", await _keys.FindStore(successor.Key, Cancel));
        Assert.Null(await _keys.Rotate(old.Entry.KeyId, Overlap, "admin", Cancel)); // past its end: nothing to rotate
    }

    [Fact]
    public async Task A_revoked_key_stops_at_once_and_its_first_revocation_is_kept()
    {
        var issued = (await _keys.Issue("store-gz001", "PC", "admin", Cancel))!;
        var rotated = (await _keys.Rotate(issued.Entry.KeyId, Overlap, "admin", Cancel))!;

        var revoked = await _keys.Revoke(issued.Entry.KeyId, "ops", Cancel);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var again = await _keys.Revoke(issued.Entry.KeyId, "someone else", Cancel);

        Assert.Null(await _keys.FindStore(issued.Key, Cancel));
        Assert.Equal("store-gz001", await _keys.FindStore(rotated.Key, Cancel));
        Assert.Equal(("ops", revoked!.RevokedAt), (again!.RevokedBy, again.RevokedAt));
        Assert.False(again.IsActiveAt(_clock.GetUtcNow()));
        Assert.Null(await _keys.Revoke("0123456789ab", "ops", Cancel));
    }
}
