using System.Text;
using Microsoft.Playwright;

namespace StoreSales.Browser.Tests.Infrastructure;

/// <summary>
/// Full-page PNGs of a test's steps, for a person to look at: <c>{output}/screenshots/{Class}.{Test}-{NN}-{step}.png</c>.
/// The folder is emptied once per run, so it holds only the latest run's pictures.
/// </summary>
public sealed class Screenshots
{
    private static readonly Lazy<string> RunFolder = new(CreateRunFolder);

    // Numbered per test, not per session: a test with several users' sessions gets its steps in the order they were taken.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Steps = new(StringComparer.Ordinal);
    private readonly IPage _page;
    private readonly string _testName;

    public Screenshots(IPage page, string testName)
    {
        _page = page;
        _testName = FileSafe(testName);
    }

    /// <summary>The folder of this run's screenshots (under the test project's output folder).</summary>
    public static string Folder => RunFolder.Value;

    /// <summary>Saves the whole page as it is now and returns the file's path.</summary>
    public async Task<string> Take(string step)
    {
        var number = Steps.AddOrUpdate(_testName, 1, (_, step) => step + 1);
        var path = Path.Combine(Folder, $"{_testName}-{number:D2}-{FileSafe(step)}.png");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        return path;
    }

    private static string CreateRunFolder()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FileSafe(string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return safe.ToString();
    }
}
