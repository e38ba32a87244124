namespace StoreSales.Silo.Ingest;

/// <summary>
/// One kind of body an edge agent posts under <c>/api/stores/{storeId}/…</c> (a sale batch, a scan batch, a Z report, a
/// heartbeat): its name in problem titles ("Malformed sale batch", "Invalid sale batch"), its rules, the metrics reason
/// of a body that breaks them, and what names one in a log line (its batch id, its terminal).
/// </summary>
public sealed record StoreBody<T>(string Name, Func<T, Dictionary<string, string[]>> Validate, string InvalidReason, Func<T, string?> Describe)
    where T : class;
