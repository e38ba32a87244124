using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using StoreSales.CommandCenter.Resources;

namespace StoreSales.CommandCenter.Tests;

/// <summary>Every text a page asks for exists in English and in Chinese.</summary>
public sealed partial class LabelResourceTests
{
    private static readonly ResourceManager Texts = new(typeof(Labels));

    [Fact]
    public void English_and_Chinese_have_the_same_texts()
    {
        var english = Keys(CultureInfo.InvariantCulture);
        var chinese = Keys(CultureInfo.GetCultureInfo("zh-CN"));

        Assert.NotEmpty(english);
        Assert.Equal(english, chinese);
    }

    [Fact]
    public void Every_text_a_component_names_is_in_the_resources()
    {
        var source = Path.Combine(RepositoryRoot(), "src", "StoreSales.CommandCenter");
        var named = Directory.EnumerateFiles(source, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => LabelUse().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var known = Keys(CultureInfo.InvariantCulture);

        Assert.NotEmpty(named);
        Assert.Empty(named.Except(known).Order(StringComparer.Ordinal));
    }

    private static SortedSet<string> Keys(CultureInfo culture) =>
        new(Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .Select(e => (string)e.Key), StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StoreSales.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("StoreSales.sln not found above the test output.");
    }

    [GeneratedRegex("""L\["([A-Za-z0-9]+)"\]""")]
    private static partial Regex LabelUse();
}
