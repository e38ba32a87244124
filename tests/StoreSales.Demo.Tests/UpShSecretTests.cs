using System.Net;
using System.Text.RegularExpressions;
using StoreSales.Data.Demo;
using StoreSales.Testing;

namespace StoreSales.Demo.Tests;

/// <summary>
/// up.sh as a new user runs it still prints a board-token link that signs a TV in, now read from the run folder's
/// <c>board-link</c> file (mode 600) instead of a log; and no log of the run holds that token, the demo password or a
/// demo store key (docs/design.md "Secrets never reach a log"). Reads the run the demo check starts (<see cref="DemoRun"/>).
/// </summary>
public sealed partial class UpShSecretTests(DemoRun run)
{
    [Fact]
    public async Task The_printed_board_link_signs_a_TV_in_and_no_run_log_holds_a_secret()
    {
        var demo = run.Demo;
        var cancel = TestContext.Current.CancellationToken;

        var printed = BoardLink().Match(demo.Output);
        Assert.True(printed.Success, $"up.sh printed no board-token link:{Environment.NewLine}{demo.Output}");
        var token = Uri.UnescapeDataString(printed.Groups["token"].Value);
        using var tv = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = demo.CommandCenter.BaseAddress };
        using (var signedIn = await tv.GetAsync(new Uri(printed.Value), cancel))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(demo.Logs, "board-link")));
        }

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal) { ["board token"] = token, ["demo password"] = DemoLogins.Password };
        foreach (var store in DemoChainSeeder.ReadChain(RepositoryPaths.DemoChain).Stores)
        {
            secrets[$"store key of {store.Id}"] = store.ApiKey;
        }

        var logs = Directory.EnumerateFiles(demo.Logs, "*.log", SearchOption.AllDirectories).ToList();
        Assert.Contains(logs, l => Path.GetFileName(l) == "commandcenter.log");
        var hits = (from log in logs
                    from line in ReadShared(log)
                    from secret in secrets
                    where line.Contains(secret.Value, StringComparison.Ordinal) || line.Contains(Uri.EscapeDataString(secret.Value), StringComparison.Ordinal)
                    select $"{secret.Key} in {Path.GetRelativePath(demo.Logs, log)}: {line}").ToList();
        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits));
    }

    /// <summary>The services are still writing their logs: read them without locking them.</summary>
    private static List<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n')];
    }

    [GeneratedRegex(@"http://\S+/board/sign-in\?token=(?<token>[A-Za-z0-9_%.~-]+)")]
    private static partial Regex BoardLink();
}
