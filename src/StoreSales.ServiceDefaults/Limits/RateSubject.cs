namespace StoreSales.ServiceDefaults.Limits;

/// <summary>
/// Who a request counts against and how much they may do: <paramref name="Key"/> names the partition (one store key,
/// one person), <paramref name="Permits"/> per <paramref name="Window"/> is their allowance, <paramref name="Limit"/> the
/// configuration key that sets it and <paramref name="Who"/> how a refusal names them.
/// </summary>
public sealed record RateSubject(string Key, int Permits, TimeSpan Window, string Limit, string Who);
