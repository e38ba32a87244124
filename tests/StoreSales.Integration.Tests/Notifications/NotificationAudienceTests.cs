using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Data.Notifications;
using StoreSales.Domain.Access;
using StoreSales.Domain.Notifications;

namespace StoreSales.Integration.Tests.Notifications;

/// <summary>
/// Who an alert goes out to is decided when it goes out, from each person's scope as it is then (an account's roles and
/// claims, or a provider sign-in's latest scope), never from a copy saved with their settings; a channel the chain has
/// turned off leaves no row pending silently. Real PostgreSQL, real local receiver.
/// </summary>
public sealed class NotificationAudienceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private NotificationRig _rig = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _rig = await NotificationRig.Start("audience", _clock);

    public ValueTask DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task An_accounts_scope_changed_by_an_administrator_counts_from_the_next_alert_without_a_resave()
    {
        await Account("zhang.supervisor", ChainRoles.FieldSupervisor, ("storesales:region", "east"));
        await Save("zhang.supervisor");
        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh001/day-behind", "supervisor:east", _clock.GetUtcNow()), Cancellation);

        // The administrator moves Zhang from east to north; Zhang saves nothing.
        await Execute("""UPDATE "AspNetUserClaims" SET "ClaimValue" = 'north' WHERE "UserId" = 'id-zhang.supervisor' AND "ClaimType" = 'storesales:region'""");
        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh002/day-behind", "supervisor:east", _clock.GetUtcNow()), Cancellation);
        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-bj001/day-behind", "supervisor:north", _clock.GetUtcNow()), Cancellation);

        Assert.Equal(
            ["store-bj001/day-behind#1", "store-sh001/day-behind#1"],
            await Queued("zhang.supervisor"));
    }

    [Fact]
    public async Task A_provider_sign_in_person_is_told_by_their_latest_sign_in_and_a_deleted_account_by_nothing()
    {
        await _rig.Host.SignedIn("li.supervisor", NotificationHarness.ScopeAnswering("supervisor:east"), Cancellation);
        await Save("li.supervisor");
        await Account("gone.supervisor", ChainRoles.FieldSupervisor, ("storesales:region", "east"));
        await Save("gone.supervisor");
        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh001/day-behind", "supervisor:east", _clock.GetUtcNow()), Cancellation);

        // Li signs in again with the provider now naming the south region; Gone's account is deleted.
        await _rig.Host.SignedIn("li.supervisor", NotificationHarness.ScopeAnswering("supervisor:south"), Cancellation);
        await Execute("""DELETE FROM "AspNetUsers" WHERE "Id" = 'id-gone.supervisor'""");
        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh002/day-behind", "supervisor:east", _clock.GetUtcNow()), Cancellation);
        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-gz001/day-behind", "supervisor:south", _clock.GetUtcNow()), Cancellation);

        Assert.Equal(["store-gz001/day-behind#1", "store-sh001/day-behind#1"], await Queued("li.supervisor"));
        Assert.Equal(["store-sh001/day-behind#1"], await Queued("gone.supervisor"));
    }

    [Fact]
    public async Task Finance_and_the_owner_rep_hear_of_an_overdue_instalment_and_another_rep_does_not()
    {
        await Account("finance.desk", ChainRoles.Finance);
        await Account("wang.rep", ChainRoles.SalesRep, ("storesales:store", "sh001"), ("storesales:rep", "rep-7"));
        await Account("chen.rep", ChainRoles.SalesRep, ("storesales:store", "sh001"), ("storesales:rep", "rep-8"));
        foreach (var person in new[] { "finance.desk", "wang.rep", "chen.rep" })
        {
            await Save(person);
        }

        var now = _clock.GetUtcNow();
        await _rig.Host.Journal.Record(NotificationHarness.Alert("instalment/C-1-1/finance/instalment-overdue", "finance", now, "instalment-overdue", "instalment", "C-1-1"), Cancellation);
        await _rig.Host.Journal.Record(NotificationHarness.Alert("instalment/C-1-1/rep:rep-7/instalment-overdue", "rep:rep-7", now, "instalment-overdue", "instalment", "C-1-1"), Cancellation);
        await _rig.Host.DispatchAll(Cancellation);

        Assert.Equal(["instalment/C-1-1/finance/instalment-overdue#1"], await Queued("finance.desk"));
        Assert.Equal(["instalment/C-1-1/rep:rep-7/instalment-overdue#1"], await Queued("wang.rep"));
        Assert.Empty(await Queued("chen.rep"));
        Assert.Equal(2, _rig.Receiver.Messages.Count);
        Assert.All(_rig.Receiver.Messages, m => Assert.Contains("/interventions?alert=instalment%2FC-1-1%2F", m.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_channel_the_chain_turned_off_marks_its_rows_channel_off_with_the_reason_and_counts_them()
    {
        await _rig.Host.SignedIn("li.supervisor", NotificationHarness.ScopeAnswering("supervisor:east"), Cancellation);
        await Save("li.supervisor", [NotificationChannels.WeComRobot, NotificationChannels.WeComApp]);
        // Later the chain turns the WeCom application off; Li's choice still names it.
        await using var appOff = _rig.Another(new Dictionary<string, string?> { ["Notifications:Channels:WeComApp:Enabled"] = "false" });
        var counted = new List<(string Channel, string Outcome, long Count)>();
        using var listener = Listen(counted);

        await appOff.Journal.Record(NotificationHarness.Alert("store-sh001/day-behind", "supervisor:east", _clock.GetUtcNow()), Cancellation);
        await appOff.DispatchAll(Cancellation);

        var rows = await appOff.Outbox.OfAlert("store-sh001/day-behind#1", Cancellation);
        Assert.Equal("sent", rows.Single(r => r.Channel == NotificationChannels.WeComRobot).State);
        var off = rows.Single(r => r.Channel == NotificationChannels.WeComApp);
        Assert.Equal("channel-off", off.State);
        Assert.Equal("The chain has wecom-app turned off (Notifications:Channels:WeComApp:Enabled is false).", off.LastError);
        Assert.Contains((NotificationChannels.WeComApp, "channel-off", 1L), counted);
        Assert.Contains(new DeliveryCount(NotificationChannels.WeComApp, "channel-off", 1), await appOff.Outbox.Counts(Cancellation));
        Assert.Equal([NotificationChannels.WeComRobot], _rig.Receiver.Messages.Select(m => m.Channel));
    }

    private Task Save(string person, IReadOnlyList<string>? channels = null) =>
        _rig.Host.People.Save(
            new NotificationSettings(person, "en", "Asia/Shanghai", null, channels ?? [NotificationChannels.WeComRobot], person + ".wecom", "east-supervisors", null, null, []),
            _clock.GetUtcNow(),
            Cancellation);

    /// <summary>A password account as ASP.NET Core Identity keeps it: the role, and the scope as user claims.</summary>
    private async Task Account(string userName, string role, params (string Type, string Value)[] claims)
    {
        await Execute(
            """
            INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName") VALUES (@role, @role, upper(@role)) ON CONFLICT DO NOTHING;
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ('id-' || @userName, @userName, upper(@userName), false, false, false, true, 0);
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES ('id-' || @userName, @role);
            """,
            new { userName, role });
        foreach (var (type, value) in claims)
        {
            await Execute("""INSERT INTO "AspNetUserClaims" ("UserId", "ClaimType", "ClaimValue") VALUES ('id-' || @userName, @type, @value)""", new { userName, type, value });
        }
    }

    private async Task Execute(string sql, object? parameters = null)
    {
        await using var connection = await _rig.Database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: Cancellation));
    }

    private async Task<string[]> Queued(string person)
    {
        await using var connection = await _rig.Database.DataSource.OpenConnectionAsync(Cancellation);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT alert_id FROM notification_delivery WHERE person_id = @person ORDER BY alert_id", new { person }, cancellationToken: Cancellation))];
    }

    private static MeterListener Listen(List<(string Channel, string Outcome, long Count)> counted)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "storesales.notifications.deliveries")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = tags.ToArray();
            lock (counted)
            {
                counted.Add(((string)all.Single(t => t.Key == "channel").Value!, (string)all.Single(t => t.Key == "outcome").Value!, value));
            }
        });
        listener.Start();
        return listener;
    }
}
