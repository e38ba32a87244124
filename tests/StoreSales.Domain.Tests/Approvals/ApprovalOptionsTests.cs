using StoreSales.Domain.Approvals;

namespace StoreSales.Domain.Tests.Approvals;

/// <summary>The approval SLA per kind: the documented defaults, the due time a filer computes, and what is refused at start.</summary>
public sealed class ApprovalOptionsTests
{
    private static readonly DateTimeOffset Filed = new(2026, 12, 5, 9, 30, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("contract-entry", 24 * 60)]
    [InlineData("quote", 24 * 60)]
    [InlineData("order-release", 4 * 60)]
    public void A_request_falls_due_after_its_kinds_sla(string kind, int minutes)
    {
        var options = new ApprovalOptions();

        Assert.Null(options.Validate());
        Assert.Equal(Filed.AddMinutes(minutes), options.DueAt(kind, Filed));
    }

    [Fact]
    public void An_unknown_kind_has_no_due_time() =>
        Assert.Throws<ArgumentException>(() => new ApprovalOptions().DueAt("loan", Filed));

    [Theory]
    [InlineData("loan", "1.00:00:00", "not an approval kind")]
    [InlineData("quote", "00:00:00", "more than zero")]
    [InlineData("quote", "48:00:00", "48:00:00 is 48 days")]   // the TimeSpan trap: 48 days, not hours
    public void A_wrong_sla_is_refused_with_its_key(string kind, string sla, string says)
    {
        var options = new ApprovalOptions();
        options.Sla[kind] = TimeSpan.Parse(sla, System.Globalization.CultureInfo.InvariantCulture);

        var problem = options.Validate();

        Assert.NotNull(problem);
        Assert.Contains($"Sla:{kind}", problem, StringComparison.Ordinal);
        Assert.Contains(says, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_without_sla_is_refused()
    {
        var options = new ApprovalOptions();
        options.Sla.Remove("order-release");

        Assert.Equal("Sla:order-release is missing.", options.Validate());
    }
}
