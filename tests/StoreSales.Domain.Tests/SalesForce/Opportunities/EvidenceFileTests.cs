using System.Text;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Domain.Tests.SalesForce.Opportunities;

public sealed class EvidenceFileTests
{
    private static readonly OpportunityStage NeedsConfirmed = new OpportunityOptions().PathOf("any").Find("needs-confirmed")!;
    private static readonly OpportunityEvidenceOptions Limits = new() { MaxBytes = 4096 };

    private static byte[] Bytes(params byte[] head) => [.. head, .. Enumerable.Repeat((byte)0x20, 64)];

    public static TheoryData<string, byte[], string?, string?> Cases => new()
    {
        // because, content, media type, rule
        { "a PDF", Bytes([.. "%PDF-1.7\n"u8]), EvidenceFile.Pdf, null },
        { "a PNG", Bytes(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A), EvidenceFile.Png, null },
        { "a JPEG", Bytes(0xFF, 0xD8, 0xFF, 0xE0), EvidenceFile.Jpeg, null },
        { "a Windows executable (MZ)", Bytes(0x4D, 0x5A, 0x90, 0x00), null, "file-type-not-allowed" },
        { "an ELF executable", Bytes(0x7F, 0x45, 0x4C, 0x46), null, "file-type-not-allowed" },
        { "a ZIP (a .docx)", Bytes(0x50, 0x4B, 0x03, 0x04), null, "file-type-not-allowed" },
        { "text that mentions %PDF- later", Bytes([.. "hello %PDF-1.7"u8]), null, "file-type-not-allowed" },
        { "empty", [], null, "file-empty" },
        { "one byte over the limit", [.. "%PDF-"u8, .. new byte[4092]], null, "file-too-large" },
        { "exactly the limit", [.. "%PDF-"u8, .. new byte[4091]], EvidenceFile.Pdf, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_type_is_read_from_the_bytes(string because, byte[] content, string? mediaType, string? rule)
    {
        var verdict = EvidenceFile.Check(content, "needs-confirmation-sheet", NeedsConfirmed, Limits);

        Assert.True(rule == verdict.Rule, $"{because}: {verdict.Reason}");
        Assert.Equal(mediaType, verdict.MediaType);
    }

    [Fact]
    public void A_document_the_stage_does_not_require_is_refused_naming_what_it_requires()
    {
        var verdict = EvidenceFile.Check(Encoding.ASCII.GetBytes("%PDF-1.4 minutes"), "meeting-minutes", NeedsConfirmed, Limits);

        Assert.Equal("unknown-requirement", verdict.Rule);
        Assert.Equal("Stage needs-confirmed requires needs-confirmation-sheet, not 'meeting-minutes'.", verdict.Reason);
    }

    [Fact]
    public void The_size_refusal_names_the_setting()
    {
        var verdict = EvidenceFile.Check(new byte[5000], "needs-confirmation-sheet", NeedsConfirmed, Limits);

        Assert.Contains("Opportunities:Evidence:MaxBytes", verdict.Reason, StringComparison.Ordinal);
    }
}
