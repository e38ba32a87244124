using Microsoft.Extensions.Configuration;
using Npgsql;

namespace StoreSales.Data;

/// <summary>
/// <c>Database</c>: how a host uses its PostgreSQL connection string (<c>ConnectionStrings:StoreSales</c>). Read before the
/// host is built (<see cref="ValidatedOptions.ReadValidated{T}"/>), as the silo migrates before Orleans starts.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>The silo brings the schema up to date on start (the command center never migrates).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// How often an idle pooled connection pings the server (Npgsql's <c>Keepalive</c>). Without it a connection left idle
    /// across a PostgreSQL restart fails the first request that takes it (57P01: a board's join, a page); with it the pool
    /// drops such connections within this time. A <c>Keepalive</c> in the connection string itself wins.
    /// </summary>
    public TimeSpan Keepalive { get; set; } = TimeSpan.FromSeconds(5);

    public string? Validate() =>
        Keepalive < TimeSpan.FromSeconds(1) || Keepalive > TimeSpan.FromHours(1) || Keepalive.Ticks % TimeSpan.TicksPerSecond != 0
            ? $"{SectionName}:{nameof(Keepalive)} must be whole seconds from 1 s to 01:00:00 (it is {Keepalive})."
            : null;

    /// <summary>The section, bound strictly and checked, as both hosts read it before they are built.</summary>
    public static DatabaseOptions Read(IConfiguration configuration) =>
        configuration.ReadValidated<DatabaseOptions>(SectionName, o => o.Validate());

    /// <summary><c>ConnectionStrings:StoreSales</c> as every pool of the host uses it (<see cref="Apply"/>); required.</summary>
    public string ConnectionString(IConfiguration configuration) =>
        Apply(configuration.GetConnectionString("StoreSales")
            ?? throw new InvalidOperationException("Configuration key 'ConnectionStrings:StoreSales' is required (the PostgreSQL connection string)."));

    /// <summary>The connection string every pool of the host uses: the configured one with this keepalive unless it sets its own.</summary>
    public string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = (int)Keepalive.TotalSeconds;
        }

        return builder.ConnectionString;
    }
}
