using Microsoft.Extensions.Options;
using StoreSales.Edge.Configuration;

namespace StoreSales.Edge.Devices.Receipts;

/// <summary>
/// Checks the receipt-capture keys of each terminal at start (<c>Terminals:N:ReceiptPort</c>,
/// <c>ReceiptPassThroughPort</c>, <c>Receipt:…</c>): ports distinct from every other port, a profile that
/// loads and compiles. Runs beside the general terminal checks; messages name the key with its index.
/// </summary>
internal sealed class ReceiptOptionsValidator(string contentRoot) : IValidateOptions<TerminalsOptions>
{
    public ValidateOptionsResult Validate(string? name, TerminalsOptions options)
    {
        var failures = new List<string>();
        var ports = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Terminals.Count; i++)
        {
            var t = options.Terminals[i];
            var key = $"{TerminalsOptions.SectionName}:{i}";
            if (!string.IsNullOrWhiteSpace(t.TillPort))
            {
                ports.TryAdd(t.TillPort, $"{key}:TillPort");
            }

            if (!string.IsNullOrWhiteSpace(t.ScannerPort))
            {
                ports.TryAdd(t.ScannerPort, $"{key}:ScannerPort");
            }
        }

        for (var i = 0; i < options.Terminals.Count; i++)
        {
            var t = options.Terminals[i];
            var key = $"{TerminalsOptions.SectionName}:{i}";
            var hasReceiptPort = !string.IsNullOrWhiteSpace(t.ReceiptPort);

            if (!hasReceiptPort)
            {
                if (!string.IsNullOrWhiteSpace(t.ReceiptPassThroughPort))
                {
                    failures.Add($"{key}:ReceiptPassThroughPort needs {key}:ReceiptPort (the port the POS prints to).");
                }

                if (t.Receipt is not null)
                {
                    failures.Add($"{key}:Receipt is set but {key}:ReceiptPort is not: receipts are only read from a ReceiptPort.");
                }

                continue;
            }

            if (!string.IsNullOrWhiteSpace(t.TillPort))
            {
                failures.Add($"{key}:ReceiptPort: a terminal's sales come from its TillPort or from its ReceiptPort, not both (each sale would be counted twice).");
            }

            CheckPort(t.ReceiptPort!, $"{key}:ReceiptPort");
            if (!string.IsNullOrWhiteSpace(t.ReceiptPassThroughPort))
            {
                CheckPort(t.ReceiptPassThroughPort, $"{key}:ReceiptPassThroughPort");
            }

            var errors = new List<string>();
            if (t.Receipt is null)
            {
                failures.Add($"{key}:Receipt:Profile is required with a ReceiptPort (simulator, zh-supermarket, a profile name or a JSON file), or give the profile under {key}:Receipt:Inline.");
            }
            else if (ReceiptProfiles.TryLoad(t.Receipt, contentRoot, errors) is null)
            {
                failures.AddRange(errors.Select(e => $"{key}:Receipt:{e}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void CheckPort(string port, string portKey)
        {
            if (!ports.TryAdd(port, portKey))
            {
                failures.Add($"{portKey} '{port}' is already used by {ports[port]}.");
            }
        }
    }
}
