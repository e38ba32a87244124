using System.IO.Ports;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Devices.Serial;
using StoreSales.Edge.Upload;

namespace StoreSales.Edge.Commands;

/// <summary>
/// <c>doctor</c>: checks what the agent needs, in plain words, without starting it: the configuration, every
/// configured device path, the server and the store key. Exit code 0 when all is well, 1 when something is wrong,
/// 2 for configuration errors.
/// </summary>
public static class DoctorCommand
{
    /// <summary>Its own client (a 10 s timeout), through the same certificate pin as the uploads.</summary>
    public const string HttpClientName = "StoreSales.Doctor";

    public static async Task<int> Run(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            EdgeAgentHost.ValidateConfiguration(services);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await output.WriteLineAsync($"✖ configuration: {failure}");
            }

            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            // A binder's error (a value of the wrong type, an unknown key); its inner exception names the key.
            await output.WriteLineAsync($"✖ configuration: {ex.InnerException?.Message ?? ex.Message}");
            return 2;
        }

        await output.WriteLineAsync("✔ configuration is valid");
        // Which GS1 AI table decodes the scans: an agent in the field can then be matched to a dictionary release.
        await output.WriteLineAsync(
            $"✔ GS1 Barcode Syntax Dictionary release {Gs1ApplicationIdentifiers.Release} ({Gs1ApplicationIdentifiers.All.Count} AIs; " +
            (Gs1ApplicationIdentifiers.UncheckedLinters is { Count: > 0 } skipped
                ? $"accepted without their check: {string.Join(", ", skipped)})"
                : "every linter it names checked)"));
        var agent = services.GetRequiredService<IOptions<AgentOptions>>().Value;
        var terminals = services.GetRequiredService<IOptions<TerminalsOptions>>().Value.Terminals;
        var problems = 0;

        foreach (var terminal in terminals)
        {
            foreach (var (kind, path) in DevicePaths(terminal))
            {
                // A scanner is opened as the agent opens it: its preset and Scanner* keys (validated above).
                var line = kind == "scanner" ? ScannerLine.Resolve(terminal, "", []) : null;
                var verdict = CheckDevice(kind, path, terminal.BaudRate, line);
                problems += verdict.Ok ? 0 : 1;
                await output.WriteLineAsync($"{(verdict.Ok ? "✔" : "✖")} terminal {terminal.TerminalId} {kind} {path}: {verdict.Words}");
            }
        }

        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        var pin = services.GetRequiredService<ServerCertificatePin>();
        http.Timeout = TimeSpan.FromSeconds(10);
        // Every server the agent may fail over to (Agent:ServerUrls, or the one Agent:ServerUrl), each checked alike.
        foreach (var url in agent.Servers())
        {
            var server = new Uri(url.TrimEnd('/') + "/");
            var mismatchesBefore = pin.Mismatches;
            try
            {
                using var health = await http.GetAsync(new Uri(server, "health/live"), cancellationToken);
                await output.WriteLineAsync(health.IsSuccessStatusCode
                    ? $"✔ server {server} answers"
                    : $"✖ server {server} answers {(int)health.StatusCode} to its health check");
                problems += health.IsSuccessStatusCode ? 0 : 1;

                // An empty batch is refused as invalid (400) only after the key is accepted: 401/403 mean the key is wrong.
                using var probe = new HttpRequestMessage(HttpMethod.Post, new Uri(server, $"api/stores/{Uri.EscapeDataString(agent.StoreId)}/sales/batches"))
                {
                    Content = new StringContent("""{"sales":[]}""", Encoding.UTF8, "application/json"),
                };
                probe.Headers.Add("X-Store-Key", services.GetRequiredService<StoreKeySource>().Current);
                using var answer = await http.SendAsync(probe, cancellationToken);
                var (ok, words) = answer.StatusCode switch
                {
                    HttpStatusCode.BadRequest => (true, $"the store key is accepted for {agent.StoreId}"),
                    HttpStatusCode.Unauthorized => (false, "the server does not know this store key (Agent:StoreKey)"),
                    HttpStatusCode.Forbidden => (false, $"the store key belongs to another store than {agent.StoreId} (Agent:StoreId)"),
                    _ => (false, $"unexpected answer {(int)answer.StatusCode} to the key check"),
                };
                problems += ok ? 0 : 1;
                await output.WriteLineAsync($"{(ok ? "✔" : "✖")} {words}");
            }
            catch (HttpRequestException) when (pin.Mismatches > mismatchesBefore && pin.LastMismatch is { } mismatch)
            {
                problems++;
                await output.WriteLineAsync($"✖ server {server} is not the pinned one: {mismatch}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                problems++;
                await output.WriteLineAsync($"✖ server {server} cannot be reached: {ex.Message} (sales wait in the outbox until it can)");
            }
        }

        await output.WriteLineAsync(problems == 0 ? "All checks passed." : $"{problems} problem(s) found.");
        return problems == 0 ? 0 : 1;
    }

    private static IEnumerable<(string Kind, string Path)> DevicePaths(TerminalOptions terminal)
    {
        if (!string.IsNullOrWhiteSpace(terminal.TillPort))
        {
            yield return ("till", terminal.TillPort);
        }

        if (!string.IsNullOrWhiteSpace(terminal.ReceiptPort))
        {
            yield return ("receipt printer line", terminal.ReceiptPort);
        }

        if (!string.IsNullOrWhiteSpace(terminal.ScannerPort))
        {
            yield return ("scanner", terminal.ScannerPort);
        }

        if (!string.IsNullOrWhiteSpace(terminal.HidScanner))
        {
            yield return ("HID scanner", terminal.HidScanner);
        }
    }

    private static (bool Ok, string Words) CheckDevice(string kind, string path, int baudRate, ScannerLine? line)
    {
        if (!SerialPortReader.PortExists(path))
        {
            return (false, "not found (unplugged, or another path: see `StoreSales.Edge ports`)");
        }

        if (kind == "HID scanner")
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                return (true, "present and readable");
            }
            catch (UnauthorizedAccessException)
            {
                return (false, "present but not readable by this user (add it to the 'input' group)");
            }
        }

        try
        {
            using var port = line is null
                ? new SerialPort(path, baudRate)
                : new SerialPort(path, line.BaudRate, line.Parity, line.DataBits, line.StopBits) { Handshake = line.Handshake };
            port.Open();
            return (true, line is null ? "opens" : $"opens as {line.BaudRate} {line.DataBits}-{line.Parity}-{line.StopBits}, handshake {line.Handshake}, suffix {line.Suffix}{(line.Prefix is null ? "" : ", prefix stripped")}");
        }
        catch (UnauthorizedAccessException)
        {
            return (false, "present but cannot be opened (permissions: add the user to 'dialout'; or another program holds it)");
        }
        catch (IOException ex)
        {
            return (false, $"present but cannot be opened: {ex.Message}");
        }
    }
}
