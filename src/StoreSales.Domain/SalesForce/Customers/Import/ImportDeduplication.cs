namespace StoreSales.Domain.SalesForce.Customers.Import;

/// <summary>
/// Decides a chunk of checked rows exactly as creating them one after another would (docs/domain.md "Customer import"),
/// so that a file behaves like that many creates whatever its chunking: a row whose row key made a customer before is
/// already imported; a row with a key held by an existing customer, or by a customer an earlier row of the file makes,
/// is a duplicate of that customer (the strongest matching key named); any other row makes a new customer and takes its
/// keys. Pure: the caller reads which row keys and keys are held before and writes what this decides.
/// </summary>
public static class ImportDeduplication
{
    /// <param name="rows">The chunk in row order: each a candidate, or the rejection of its row.</param>
    /// <param name="importedRowKeys">Row keys that made a customer before, with the customer they lead to now.</param>
    /// <param name="heldKeys">Keys (<see cref="CustomerKey.Text"/>) held by existing customers, with their holder.</param>
    /// <param name="newCustomerId">Makes the id of a new customer.</param>
    public static IReadOnlyList<ImportOutcome> Decide(
        IEnumerable<(int RowNumber, ImportCandidate? Candidate, ImportRejection? Rejection)> rows,
        IReadOnlyDictionary<string, string> importedRowKeys,
        IReadOnlyDictionary<string, string> heldKeys,
        Func<string> newCustomerId)
    {
        var outcomes = new List<ImportOutcome>();
        var rowKeysTaken = new Dictionary<string, string>(StringComparer.Ordinal);
        var keysTaken = new Dictionary<string, (string CustomerId, int RowNumber)>(StringComparer.Ordinal);
        foreach (var (rowNumber, candidate, rejection) in rows)
        {
            if (candidate is null)
            {
                outcomes.Add(new ImportOutcome(rowNumber, ImportOutcomeKind.Rejected, Rejection: rejection ?? throw new ArgumentException($"Row {rowNumber} has neither a candidate nor a rejection.", nameof(rows))));
                continue;
            }

            if (importedRowKeys.TryGetValue(candidate.RowKey, out var imported) || rowKeysTaken.TryGetValue(candidate.RowKey, out imported))
            {
                outcomes.Add(new ImportOutcome(rowNumber, ImportOutcomeKind.AlreadyImported, imported));
                continue;
            }

            // Strongest key first, as a single create names it: an earlier customer holding it, or one this file made.
            ImportOutcome? duplicate = null;
            foreach (var key in candidate.Keys)
            {
                if (heldKeys.TryGetValue(key.Text, out var holder))
                {
                    duplicate = new ImportOutcome(rowNumber, ImportOutcomeKind.Duplicate, holder, key.Kind);
                    break;
                }

                if (keysTaken.TryGetValue(key.Text, out var earlier))
                {
                    duplicate = new ImportOutcome(rowNumber, ImportOutcomeKind.Duplicate, earlier.CustomerId, key.Kind, earlier.RowNumber);
                    break;
                }
            }

            if (duplicate is not null)
            {
                outcomes.Add(duplicate);
                continue;
            }

            var customerId = newCustomerId();
            rowKeysTaken[candidate.RowKey] = customerId;
            foreach (var key in candidate.Keys)
            {
                keysTaken[key.Text] = (customerId, rowNumber);
            }

            outcomes.Add(new ImportOutcome(rowNumber, ImportOutcomeKind.Created, customerId, Candidate: candidate));
        }

        return outcomes;
    }
}
