using System.Globalization;
using Npgsql;
using StoreSales.Data.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// The <c>store-keys</c> verb of the command-center executable, for an operator's shell or script:
/// <c>list [--store ID]</c>, <c>issue --store ID [--label TEXT]</c>, <c>rotate --key ID</c>, <c>revoke --key ID</c>
/// (each may add <c>--by NAME</c>, recorded as who did it; default <c>cli:{user}</c>). It reads the command center's own
/// configuration (appsettings.json, environment, <c>--ConnectionStrings:StoreSales=…</c>), so the database and
/// <c>Access:StoreKeyOverlap</c> are the server's. A new key is printed once, on its own line, for a script to capture.
/// Exit codes: 0 done, 1 refused (unknown store or key), 2 usage.
/// </summary>
public static class StoreKeyCommand
{
    public const string Verb = "store-keys";

    private const string Usage = """
        usage: StoreSales.CommandCenter store-keys list [--store ID]
               StoreSales.CommandCenter store-keys issue --store ID [--label TEXT]
               StoreSales.CommandCenter store-keys rotate --key KEY_ID
               StoreSales.CommandCenter store-keys revoke --key KEY_ID
        options: --by NAME (who does it; default cli:{user}), --ConnectionStrings:StoreSales=… and other configuration keys
        """;

    public static async Task<int> Run(string[] args, TextWriter output, TextWriter error, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        if (args.Length == 0)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var action = args[0];
        var (named, settings) = Split(args[1..]);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings)
            .Build();
        var connectionString = configuration.GetConnectionString("StoreSales");
        if (string.IsNullOrEmpty(connectionString))
        {
            await error.WriteLineAsync("Configuration key 'ConnectionStrings:StoreSales' is required (the PostgreSQL connection string).");
            return 2;
        }

        TimeSpan overlap;
        try
        {
            overlap = AccessOptions.Read(configuration).StoreKeyOverlap;
        }
        catch (Exception refused) when (refused is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            // The server would not start with these settings either: say which key, as it would.
            await error.WriteLineAsync(refused.Message);
            return 2;
        }

        var by = named.GetValueOrDefault("by") ?? "cli:" + Environment.UserName;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var keys = new StoreKeys(dataSource, clock);
        var cancellation = CancellationToken.None;
        switch (action)
        {
            case "list":
                var now = clock.GetUtcNow();
                foreach (var entry in await keys.List(named.GetValueOrDefault("store"), cancellation))
                {
                    await output.WriteLineAsync(Describe(entry, now));
                }

                return 0;
            case "issue" when named.GetValueOrDefault("store") is { Length: > 0 } storeId:
                var label = named.GetValueOrDefault("label");
                if (label is { Length: > StoreKeyEndpoints.LabelMaxLength })
                {
                    await error.WriteLineAsync($"--label: at most {StoreKeyEndpoints.LabelMaxLength} characters.");
                    return 2;
                }

                var issued = await keys.Issue(storeId, StoreKeyEndpoints.Label(label), by, cancellation);
                return await Issued(issued, $"There is no store '{storeId}'.", output, error, clock);
            case "rotate" when named.GetValueOrDefault("key") is { Length: > 0 } keyId:
                var rotated = await keys.Rotate(keyId, overlap, by, cancellation);
                if (rotated is not null)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"# {keyId} keeps working until {clock.GetUtcNow() + overlap:u} (Access:StoreKeyOverlap {overlap})"));
                }

                return await Issued(rotated, $"There is no active store key '{keyId}'.", output, error, clock);
            case "revoke" when named.GetValueOrDefault("key") is { Length: > 0 } keyId:
                var revoked = await keys.Revoke(keyId, by, cancellation);
                if (revoked is null)
                {
                    await error.WriteLineAsync($"There is no store key '{keyId}'.");
                    return 1;
                }

                await output.WriteLineAsync(Describe(revoked, clock.GetUtcNow()));
                return 0;
            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> Issued(IssuedStoreKey? issued, string unknown, TextWriter output, TextWriter error, TimeProvider clock)
    {
        if (issued is null)
        {
            await error.WriteLineAsync(unknown);
            return 1;
        }

        await output.WriteLineAsync("# " + Describe(issued.Entry, clock.GetUtcNow()));
        await output.WriteLineAsync("# the key, shown this once (give it to the agent as Agent:StoreKey):");
        await output.WriteLineAsync(issued.Key);
        return 0;
    }

    /// <summary>One key as a line: id, store, prefix, state, label.</summary>
    private static string Describe(StoreKeyEntry e, DateTimeOffset now)
    {
        var state = e.RevokedAt is { } revoked ? $"revoked {revoked:u} by {e.RevokedBy}"
            : !e.IsActiveAt(now) ? $"expired {e.ExpiresAt:u}"
            : e.ExpiresAt is { } expires ? $"active until {expires:u} (rotated to {e.ReplacedBy})"
            : "active";
        return string.Create(CultureInfo.InvariantCulture, $"{e.KeyId}  {e.StoreId}  {(e.Prefix.Length > 0 ? e.Prefix + "…" : "(no prefix)")}  {state}  \"{e.Label}\"");
    }

    /// <summary>The verb's own options (--store, --label, --key, --by) and the rest, which is configuration.</summary>
    private static (Dictionary<string, string> Named, string[] Settings) Split(string[] args)
    {
        string[] own = ["store", "label", "key", "by"];
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is not null && own.Contains(name) && i + 1 < args.Length)
            {
                named[name] = args[++i];
            }
            else
            {
                settings.Add(args[i]);
            }
        }

        return (named, [.. settings]);
    }
}
