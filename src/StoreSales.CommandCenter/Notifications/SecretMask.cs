namespace StoreSales.CommandCenter.Notifications;

/// <summary>
/// How the admin page shows a secret: that it is set and, for a long one, its last two characters (to tell two keys
/// apart), never more. A short secret shows nothing of itself.
/// </summary>
public static class SecretMask
{
    public const string Dots = "••••••";

    public static string Mask(string? secret) =>
        string.IsNullOrEmpty(secret) ? "" : secret.Length >= 12 ? Dots + secret[^2..] : Dots;
}
