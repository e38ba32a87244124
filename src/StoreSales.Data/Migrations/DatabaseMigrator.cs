using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace StoreSales.Data.Migrations;

/// <summary>
/// Brings a PostgreSQL database to the current schema with DbUp: the ledger and master data, and the tables and
/// queries of Orleans' ADO.NET clustering, grain storage and reminders. Each script runs once, in name order,
/// and is journaled in <c>schemaversions</c>, so running it again is harmless.
/// </summary>
public static class DatabaseMigrator
{
    public static IReadOnlyList<string> Migrate(string connectionString, ILogger logger)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString, new DbUpLog(logger));

        var upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.EndsWith(".sql", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Database migration failed in script '{result.ErrorScript?.Name}': {result.Error.Message}", result.Error);
        }

        return result.Scripts.Select(s => s.Name).ToList();
    }

    // DbUp speaks composite format strings ({0}); they are rendered here and logged as one message.
    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace("{Message}", Render(format, args));

        public void LogDebug(string format, params object[] args) => logger.LogDebug("{Message}", Render(format, args));

        public void LogInformation(string format, params object[] args) => logger.LogInformation("{Message}", Render(format, args));

        public void LogWarning(string format, params object[] args) => logger.LogWarning("{Message}", Render(format, args));

        public void LogError(string format, params object[] args) => logger.LogError("{Message}", Render(format, args));

        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{Message}", Render(format, args));

        private static string Render(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }
}
