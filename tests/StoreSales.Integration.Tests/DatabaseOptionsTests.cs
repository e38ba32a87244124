using Npgsql;
using StoreSales.Data;

namespace StoreSales.Integration.Tests;

/// <summary>
/// <c>Database:Keepalive</c> reaches every pool of a host through its connection string; an operator's own
/// <c>Keepalive</c> in the connection string wins. (Fault c of the fault suite restarts PostgreSQL and fault f then opens
/// a board on the command center, whose pool was idle across the restart.)
/// </summary>
public sealed class DatabaseOptionsTests
{
    private const string Configured = "Host=db.example;Database=storesales;Username=storesales";

    [Fact]
    public void The_default_keepalive_is_added_to_a_connection_string_without_one()
    {
        var applied = new NpgsqlConnectionStringBuilder(new DatabaseOptions().Apply(Configured));

        Assert.Equal(5, applied.KeepAlive);
        Assert.Equal(("db.example", "storesales", "storesales"), (applied.Host, applied.Database, applied.Username));
    }

    [Fact]
    public void A_keepalive_in_the_connection_string_wins_over_the_option()
    {
        var applied = new NpgsqlConnectionStringBuilder(new DatabaseOptions { Keepalive = TimeSpan.FromSeconds(30) }.Apply(Configured + ";Keepalive=12"));

        Assert.Equal(12, applied.KeepAlive);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.500")]
    [InlineData("01:00:01")]
    public void A_keepalive_outside_whole_seconds_from_one_second_to_an_hour_is_refused(string value)
    {
        Assert.StartsWith("Database:Keepalive must be", new DatabaseOptions { Keepalive = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) }.Validate(), StringComparison.Ordinal);
    }
}
