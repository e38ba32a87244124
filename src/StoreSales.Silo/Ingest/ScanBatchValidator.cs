using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// Checks a scan batch before anything is written; each problem keyed by the JSON path of the field at fault
/// (<c>scans[3].kind</c>), as <see cref="SaleBatchValidator"/> does for sales.
/// </summary>
public static class ScanBatchValidator
{
    private const int MaxCodeLength = 64;
    private const int MaxSymbologyLength = 16;

    public static Dictionary<string, string[]> Validate(ScanBatch batch, ScanLedgerOptions options)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (batch.Scans is null || batch.Scans.Count == 0)
        {
            Fail("scans", "A batch must contain at least one scan.");
        }
        else if (batch.Scans.Count > options.MaxScansPerBatch)
        {
            Fail("scans", $"A batch may contain at most {options.MaxScansPerBatch} scans ({ScanLedgerOptions.SectionName}:{nameof(options.MaxScansPerBatch)}); this one has {batch.Scans.Count}.");
        }
        else
        {
            var seen = new HashSet<(string, long)>();
            for (var i = 0; i < batch.Scans.Count; i++)
            {
                var path = $"scans[{i}]";
                if (batch.Scans[i] is not { } scan)
                {
                    Fail(path, "A scan must not be null.");
                    continue;
                }

                if (!StoreRequests.IsIdentifier(scan.TerminalId))
                {
                    Fail($"{path}.terminalId", StoreRequests.IdentifierRule);
                }

                if (scan.Sequence <= 0)
                {
                    Fail($"{path}.sequence", "Must be a positive number assigned by the edge agent.");
                }
                else if (!string.IsNullOrEmpty(scan.TerminalId) && !seen.Add((scan.TerminalId, scan.Sequence)))
                {
                    Fail($"{path}.sequence", $"Terminal '{scan.TerminalId}' scan {scan.Sequence} appears twice in this batch.");
                }

                if (scan.ScannedAt == default)
                {
                    Fail($"{path}.scannedAt", "Required: when the agent received the scan.");
                }

                if (string.IsNullOrWhiteSpace(scan.Code) || scan.Code.Length > MaxCodeLength)
                {
                    Fail($"{path}.code", $"Required: the decoded code, at most {MaxCodeLength} characters.");
                }

                if (string.IsNullOrWhiteSpace(scan.Symbology) || scan.Symbology.Length > MaxSymbologyLength)
                {
                    Fail($"{path}.symbology", $"Required: the AIM symbology identifier (e.g. ']E0') or 'none', at most {MaxSymbologyLength} characters.");
                }

                if (!ScanKinds.IsKnown(scan.Kind))
                {
                    Fail($"{path}.kind", $"Must be '{ScanKinds.Gtin}', '{ScanKinds.Gs1}', '{ScanKinds.VariableMeasure}' or '{ScanKinds.Member}'; was '{scan.Kind}'.");
                }

                if (scan.WeightKg is <= 0 or >= 1_000_000_000m)
                {
                    Fail($"{path}.weightKg", "When given, a positive weight in kg below 1,000,000,000.");
                }
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
