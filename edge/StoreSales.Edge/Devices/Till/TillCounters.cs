namespace StoreSales.Edge.Devices.Till;

/// <summary>Counter names of a till adapter (<see cref="DeviceSnapshot.Counters"/>).</summary>
public static class TillCounters
{
    /// <summary>Non-blank lines received, good or bad.</summary>
    public const string Lines = "lines";

    /// <summary>Sales completed and stored in the outbox.</summary>
    public const string Sales = "sales";

    /// <summary>Lines ignored as malformed: unknown tag, bad field, L/T without S, invalid UTF-8, over-long.</summary>
    public const string Malformed = "malformed";

    /// <summary>Of the malformed lines: those longer than 4096 bytes.</summary>
    public const string Overlong = "overlong";

    /// <summary>Of the malformed lines: L or T with no open sale.</summary>
    public const string NoOpenSale = "no-open-sale";

    /// <summary>Open sales dropped because a new S line came before their T line.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>Sales stored whose T total differs from the sum of their line amounts (kept as the till said).</summary>
    public const string TotalMismatches = "total-mismatches";

    /// <summary>Day-end reports (Z) stored in the outbox.</summary>
    public const string ZReports = "z-reports";

    /// <summary>Z reports for a business day the terminal already had one for: the first is kept.</summary>
    public const string ZRepeats = "z-repeats";

    /// <summary>Times the port was opened.</summary>
    public const string Opens = "opens";

    /// <summary>Failed opens and lost connections.</summary>
    public const string PortFaults = "port-faults";

    internal static DeviceCounters Create() => new(Lines, Sales, Malformed, Overlong, NoOpenSale, Abandoned, TotalMismatches, ZReports, ZRepeats);
}
