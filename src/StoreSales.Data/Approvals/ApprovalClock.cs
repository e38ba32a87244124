namespace StoreSales.Data.Approvals;

/// <summary>The clock approvals are decided by (keyed, so tests move it without moving every other clock).</summary>
public static class ApprovalClock
{
    public const string Key = "approvals";
}
