namespace StoreSales.CommandCenter.History;

/// <summary>The operation names the history import's metrics use for what is not an API endpoint.</summary>
public static class HistoryImportEndpointNames
{
    /// <summary>An upload through the /history/import page.</summary>
    public const string Page = "page-upload";
}
