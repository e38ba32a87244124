using System.Diagnostics;

namespace StoreSales.Testing;

/// <summary>
/// Debian's poppler-utils on a PDF, as a reader of the file sees it: its text (pdftotext) and its first page as a PNG
/// (pdftoppm) for a person to look at beside the screenshots.
/// </summary>
public static class Poppler
{
    /// <summary>The PDF's text, laid out as on the page.</summary>
    public static async Task<string> Text(byte[] pdf, CancellationToken cancellationToken) =>
        await WithFile(pdf, file => Run("pdftotext", ["-layout", file, "-"], cancellationToken), cancellationToken);

    /// <summary>Writes the PDF as <paramref name="stem"/>.pdf and its first page as <paramref name="stem"/>.png (80 dpi); returns the PNG's path.</summary>
    public static async Task<string> FirstPage(byte[] pdf, string stem, CancellationToken cancellationToken)
    {
        await File.WriteAllBytesAsync(stem + ".pdf", pdf, cancellationToken);
        await Run("pdftoppm", ["-png", "-r", "80", "-singlefile", stem + ".pdf", stem], cancellationToken);
        return stem + ".png";
    }

    private static async Task<string> WithFile(byte[] pdf, Func<string, Task<string>> use, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"poppler-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf, cancellationToken);
        try
        {
            return await use(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> Run(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{tool} did not start: apt-get install poppler-utils");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {errors}");
    }
}
