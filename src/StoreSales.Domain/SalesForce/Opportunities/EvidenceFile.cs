namespace StoreSales.Domain.SalesForce.Opportunities;

/// <summary>Why an evidence upload is refused; the API names it as <c>rule</c>.</summary>
public enum EvidenceRefusal
{
    /// <summary>No bytes.</summary>
    Empty = 0,

    /// <summary>Larger than <see cref="OpportunityEvidenceOptions.MaxBytes"/>.</summary>
    TooLarge = 1,

    /// <summary>The bytes are not a PDF, JPEG or PNG (whatever the name says).</summary>
    TypeNotAllowed = 2,

    /// <summary>The document is not one the opportunity's current stage requires.</summary>
    UnknownRequirement = 3,
}

/// <summary>An upload's verdict: the media type read from the bytes, or the refusal with its sentence.</summary>
public sealed record EvidenceVerdict(string? MediaType, EvidenceRefusal? Refusal, string? Reason)
{
    public string? Rule => Refusal switch
    {
        null => null,
        EvidenceRefusal.Empty => "file-empty",
        EvidenceRefusal.TooLarge => "file-too-large",
        EvidenceRefusal.TypeNotAllowed => "file-type-not-allowed",
        EvidenceRefusal.UnknownRequirement => "unknown-requirement",
        _ => throw new ArgumentOutOfRangeException(nameof(Refusal), Refusal, null),
    };
}

/// <summary>
/// Evidence files (docs/domain.md "Opportunities"): PDF, JPEG or PNG, told from their first bytes (the magic numbers),
/// never from the name or the declared type, so a renamed executable is refused; at most the configured size; and one of
/// the documents the current stage requires. Pure.
/// </summary>
public static class EvidenceFile
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    /// <summary>The media type the bytes begin as, or null when they are none of the three.</summary>
    public static string? MediaTypeOf(ReadOnlySpan<byte> head) =>
        head.StartsWith(PdfMagic) ? Pdf
        : head.StartsWith(PngMagic) ? Png
        : head.StartsWith(JpegMagic) ? Jpeg
        : null;

    public static EvidenceVerdict Check(ReadOnlySpan<byte> content, string requirement, OpportunityStage stage, OpportunityEvidenceOptions options)
    {
        if (content.IsEmpty)
        {
            return new EvidenceVerdict(null, EvidenceRefusal.Empty, "The file is empty.");
        }

        if (content.Length > options.MaxBytes)
        {
            return new EvidenceVerdict(null, EvidenceRefusal.TooLarge, $"The file has {content.Length:N0} bytes; at most {options.MaxBytes:N0} are accepted ({OpportunityOptions.SectionName}:Evidence:{nameof(options.MaxBytes)}).");
        }

        if (MediaTypeOf(content) is not { } mediaType)
        {
            return new EvidenceVerdict(null, EvidenceRefusal.TypeNotAllowed, "The file is not a PDF, JPEG or PNG (judged from its content, not its name).");
        }

        return stage.Evidence.Contains(requirement, StringComparer.Ordinal)
            ? new EvidenceVerdict(mediaType, null, null)
            : new EvidenceVerdict(
                null,
                EvidenceRefusal.UnknownRequirement,
                stage.Evidence.IsEmpty
                    ? $"Stage {stage.Name} requires no documents."
                    : $"Stage {stage.Name} requires {string.Join(" and ", stage.Evidence)}, not '{requirement}'.");
    }
}
