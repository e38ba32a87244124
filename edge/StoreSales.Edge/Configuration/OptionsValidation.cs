using Microsoft.Extensions.Options;
using StoreSales.Domain.Barcodes;

namespace StoreSales.Edge.Configuration;

/// <summary>Checks the <c>Agent</c> section at start; every message names the exact configuration key.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var failures = new List<string>();
        const string s = AgentOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.StoreId))
        {
            failures.Add($"{s}:StoreId is required (the store's id as the server knows it, e.g. store-sh001).");
        }

        if (options.ServerUrls.Count == 0 && string.IsNullOrWhiteSpace(options.ServerUrl))
        {
            failures.Add($"{s}:ServerUrls (every silo's ingest URL, tried in order, e.g. {s}:ServerUrls:0=http://127.0.0.1:5070) or {s}:ServerUrl (a single server) is required.");
        }
        else
        {
            var key = options.ServerUrls.Count > 0 ? $"{s}:ServerUrls" : $"{s}:ServerUrl";
            var servers = options.Servers();
            for (var i = 0; i < servers.Count; i++)
            {
                var setting = options.ServerUrls.Count > 0 ? $"{key}:{i}" : key;
                if (!Uri.TryCreate(servers[i], UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    failures.Add($"{setting} '{servers[i]}' is not an absolute http or https URL.");
                }
            }

            if (!string.IsNullOrWhiteSpace(options.ServerCertificatePin)
                && servers.Any(u => !u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"{s}:ServerCertificatePin is set, so every server must be https (a pin cannot protect plain http): {key}.");
            }

            if (servers.Select(u => u.Trim().TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase).Count() != servers.Count)
            {
                failures.Add($"{key} names a server twice.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.StoreKey) && string.IsNullOrWhiteSpace(options.StoreKeyFile))
        {
            failures.Add($"{s}:StoreKey (the store's API key, sent as X-Store-Key) or {s}:StoreKeyFile (a file holding it) is required.");
        }

        if (string.IsNullOrWhiteSpace(options.OutboxPath))
        {
            failures.Add($"{s}:OutboxPath must not be empty.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add($"{s}:BatchSize must be between 1 and 1000 (was {options.BatchSize}).");
        }

        if (options.UploadIdleDelay <= TimeSpan.Zero || options.UploadIdleDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{s}:UploadIdleDelay must be greater than zero and at most 00:01:00 (was {options.UploadIdleDelay}).");
        }

        // Together at most a second: a scan must reach the store's hot items within one (issue 11).
        if (options.ScanWriteWindow < TimeSpan.Zero || options.ScanUploadWindow < TimeSpan.Zero
            || options.ScanWriteWindow + options.ScanUploadWindow > TimeSpan.FromSeconds(1))
        {
            failures.Add($"{s}:ScanWriteWindow and {s}:ScanUploadWindow must not be negative and together at most 00:00:01 (were {options.ScanWriteWindow} and {options.ScanUploadWindow}).");
        }

        if (options.OutboxMaxBytes < 1L << 20)
        {
            failures.Add($"{s}:OutboxMaxBytes must be at least 1048576 (1 MiB) (was {options.OutboxMaxBytes}).");
        }

        if (options.OutboxNearFullRatio is not (> 0 and <= 1))
        {
            failures.Add($"{s}:OutboxNearFullRatio must be greater than 0 and at most 1 (was {options.OutboxNearFullRatio}).");
        }

        if (options.ClockSkewWarnAfter <= TimeSpan.Zero)
        {
            failures.Add($"{s}:ClockSkewWarnAfter must be greater than zero (was {options.ClockSkewWarnAfter}).");
        }

        if (options.CatchUpAfter <= TimeSpan.Zero || options.CatchUpAfter > TimeSpan.FromDays(1))
        {
            failures.Add($"{s}:CatchUpAfter must be greater than zero and at most 1.00:00:00 (was {options.CatchUpAfter}).");
        }

        if (options.PortRetryDelay <= TimeSpan.Zero)
        {
            failures.Add($"{s}:PortRetryDelay must be greater than zero.");
        }

        if (options.PortRetryMaxDelay < options.PortRetryDelay)
        {
            failures.Add($"{s}:PortRetryMaxDelay must be at least {s}:PortRetryDelay.");
        }

        if (options.HeartbeatInterval < TimeSpan.FromMilliseconds(10) || options.HeartbeatInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{s}:HeartbeatInterval must be between 00:00:00.010 and 00:01:00, below the server's Live:DeviceOfflineAfter (was {options.HeartbeatInterval}).");
        }

        var pin = options.ServerCertificatePin.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (pin.Length > 0 && (pin.Length != 64 || !pin.All(Uri.IsHexDigit)))
        {
            failures.Add($"{s}:ServerCertificatePin must be a SHA-256 in hex (64 hex digits, colons allowed): of the server's certificate or of its public key.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Checks the <c>Terminals</c> array at start; messages name the key with its index (<c>Terminals:0:TillPort</c>).</summary>
internal sealed class TerminalsOptionsValidator : IValidateOptions<TerminalsOptions>
{
    public ValidateOptionsResult Validate(string? name, TerminalsOptions options)
    {
        var failures = new List<string>();
        var seenIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenPorts = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var i = 0; i < options.Terminals.Count; i++)
        {
            var t = options.Terminals[i];
            var key = $"{TerminalsOptions.SectionName}:{i}";

            if (string.IsNullOrWhiteSpace(t.TerminalId))
            {
                failures.Add($"{key}:TerminalId is required (e.g. T01).");
            }
            else if (!IsValidTerminalId(t.TerminalId))
            {
                failures.Add($"{key}:TerminalId '{t.TerminalId}' must be 1-32 letters, digits, '-' or '_'.");
            }
            else if (!seenIds.Add(t.TerminalId))
            {
                failures.Add($"{key}:TerminalId '{t.TerminalId}' is used by another terminal.");
            }

            if (string.IsNullOrWhiteSpace(t.TillPort))
            {
                if (string.IsNullOrWhiteSpace(t.ReceiptPort))
                {
                    failures.Add($"{key}:TillPort is required (the till's serial port path), unless the terminal's sales come from a ReceiptPort.");
                }
            }
            else if (!seenPorts.TryAdd(t.TillPort, $"{key}:TillPort"))
            {
                failures.Add($"{key}:TillPort '{t.TillPort}' is already used by {seenPorts[t.TillPort]}.");
            }

            if (!string.IsNullOrWhiteSpace(t.ScannerPort) && !seenPorts.TryAdd(t.ScannerPort, $"{key}:ScannerPort"))
            {
                failures.Add($"{key}:ScannerPort '{t.ScannerPort}' is already used by {seenPorts[t.ScannerPort]}.");
            }

            if (t.BaudRate is < 50 or > 4_000_000)
            {
                failures.Add($"{key}:BaudRate {t.BaudRate} is not a serial baud rate (e.g. 9600, 115200).");
            }

            Devices.Scanner.ScannerLine.Resolve(t, key, failures);

            Devices.Hid.HidScannerConfiguration.Validate(t, key, seenPorts, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidTerminalId(string id) =>
        id.Length <= 32 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>Checks the optional <c>Upload</c> section at start.</summary>
internal sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        var failures = new List<string>();
        const string s = UploadOptions.SectionName;

        // Polly's own bounds: attempt timeout 10 ms – 1 day, break duration ≥ 500 ms.
        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(10) || options.AttemptTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{s}:AttemptTimeout must be between 00:00:00.010 and 01:00:00.");
        }

        if (options.RetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay)
        {
            failures.Add($"{s}:RetryDelay must be greater than zero and at most {s}:MaxRetryDelay.");
        }

        if (options.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"{s}:BreakDuration must be at least 00:00:00.500.");
        }

        if (options.AuthFailureDelay <= TimeSpan.Zero)
        {
            failures.Add($"{s}:AuthFailureDelay must be greater than zero.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Checks the <c>Barcodes:Scan</c> section at start with <see cref="ScanDecoderOptions.Validate"/>, whose message names
/// the key, and reads the shipped GS1 Barcode Syntax Dictionary now, so a damaged one stops the agent at start rather
/// than at its first GS1 scan.
/// </summary>
internal sealed class ScanDecoderOptionsValidator(IOptions<TerminalsOptions> terminals) : IValidateOptions<ScanDecoderOptions>
{
    public ValidateOptionsResult Validate(string? name, ScanDecoderOptions options)
    {
        // A scanner setting for a terminal the agent does not run is a typo that would leave the real one unconfigured.
        var known = terminals.Value.Terminals.Select(t => t.TerminalId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var strangers = options.Scanners.Keys.Where(id => !known.Contains(id)).ToList();
        if (strangers.Count > 0)
        {
            return ValidateOptionsResult.Fail(strangers.Select(id =>
                $"{ScanDecoderOptions.SectionName}:{nameof(ScanDecoderOptions.Scanners)}:{id}: no terminal {id} under {TerminalsOptions.SectionName} (configured: {(known.Count == 0 ? "none" : string.Join(", ", known.Order(StringComparer.Ordinal)))})"));
        }

        try
        {
            _ = Gs1ApplicationIdentifiers.Release;
        }
        catch (TypeInitializationException ex)
        {
            return ValidateOptionsResult.Fail($"The GS1 Barcode Syntax Dictionary shipped with the agent cannot be read: {ex.InnerException?.Message ?? ex.Message}");
        }

        return options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
    }
}
