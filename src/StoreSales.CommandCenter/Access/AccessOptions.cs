using StoreSales.Data;

namespace StoreSales.CommandCenter.Access;

/// <summary>Sign-in settings (section <c>Access</c>).</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>Failed password attempts before an account is locked out.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked-out account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a sign-in lasts without activity (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A board on a TV stays signed in for long: it is re-issued by its token, not by a person.</summary>
    public TimeSpan BoardSessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often a signed-in TV's board token is checked again, so a revoked token stops its TVs within this time
    /// without a database read on every request.
    /// </summary>
    public TimeSpan BoardTokenRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a rotated store key keeps working beside its successor, so the agent's PC can be given the new key
    /// (configuration reload or restart) without a gap. Default 2 days (write <c>2.00:00:00</c>: "48:00:00" reads as 48 days).
    /// </summary>
    public TimeSpan StoreKeyOverlap { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The keys of <c>Access</c> another class binds: the chain's identity provider (<c>Access:OpenIdConnect</c>).</summary>
    public static readonly string[] KeysOfOthers = ["OpenIdConnect"];

    /// <summary>The section, bound strictly and checked: for code that runs before the host is built (cookies, the CLI).</summary>
    public static AccessOptions Read(IConfiguration configuration) =>
        configuration.ReadValidated<AccessOptions>(SectionName, o => o.Validate(), KeysOfOthers);

    /// <summary>Why the settings cannot be used, or null.</summary>
    public string? Validate() =>
        MaxFailedAttempts < 1 ? $"{SectionName}:{nameof(MaxFailedAttempts)} must be at least 1 (is {MaxFailedAttempts})."
        : LockoutDuration <= TimeSpan.Zero ? $"{SectionName}:{nameof(LockoutDuration)} must be positive (is {LockoutDuration})."
        : SessionLifetime <= TimeSpan.Zero ? $"{SectionName}:{nameof(SessionLifetime)} must be positive (is {SessionLifetime})."
        : BoardSessionLifetime <= TimeSpan.Zero ? $"{SectionName}:{nameof(BoardSessionLifetime)} must be positive (is {BoardSessionLifetime})."
        : BoardTokenRecheck <= TimeSpan.Zero || BoardTokenRecheck > BoardSessionLifetime
            ? $"{SectionName}:{nameof(BoardTokenRecheck)} must be positive and at most {nameof(BoardSessionLifetime)} (is {BoardTokenRecheck})."
        : StoreKeyOverlap < TimeSpan.Zero ? $"{SectionName}:{nameof(StoreKeyOverlap)} must not be negative (is {StoreKeyOverlap})."
        : null;
}
