namespace StoreSales.CommandCenter.Resources;

/// <summary>The command center's texts: <c>Labels.resx</c> (English) and <c>Labels.zh-CN.resx</c>.</summary>
public sealed class Labels;
