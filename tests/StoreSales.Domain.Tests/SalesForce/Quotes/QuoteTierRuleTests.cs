using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.Domain.Tests.SalesForce.Quotes;

/// <summary>The discount tier matrix (三级价格弹性矩阵) at its boundaries, with the default Quotes:Tiers (junior 5 %, senior 10 %, director 20 %).</summary>
public sealed class QuoteTierRuleTests
{
    private static readonly QuoteTierOptions Defaults = new();

    [Theory]
    // level,     deepest discount, tier
    [InlineData("junior", "0", QuoteTier.Rep)]
    [InlineData("junior", "5.00", QuoteTier.Rep)]                  // exactly the junior's authority: still theirs
    [InlineData("junior", "5.01", QuoteTier.Director)]             // a cent of a percent beyond it: the director's
    [InlineData("senior", "5.01", QuoteTier.Rep)]                  // within a senior's authority
    [InlineData("senior", "10.00", QuoteTier.Rep)]
    [InlineData("senior", "10.01", QuoteTier.Director)]
    [InlineData("senior", "20.00", QuoteTier.Director)]            // exactly the director's limit: still the director's
    [InlineData("senior", "20.01", QuoteTier.LegalAndFinance)]     // beyond it: legal and finance
    [InlineData("junior", "20.01", QuoteTier.LegalAndFinance)]
    [InlineData("junior", "99.99", QuoteTier.LegalAndFinance)]
    [InlineData("trainee", "0.00", QuoteTier.Rep)]                 // a level not configured has no authority but a full price
    [InlineData("trainee", "0.01", QuoteTier.Director)]            // ... and needs the director for any discount
    public void The_deepest_discount_and_the_reps_level_choose_the_tier(string level, string discount, QuoteTier tier) =>
        Assert.Equal(tier, QuoteTierRule.TierOf(decimal.Parse(discount, System.Globalization.CultureInfo.InvariantCulture), level, Defaults));

    [Fact]
    public void Configured_authorities_move_the_boundaries()
    {
        var options = new QuoteTierOptions { RepAuthority = new(StringComparer.Ordinal) { ["junior"] = 2m }, DirectorLimit = 15m };

        Assert.Equal(QuoteTier.Rep, QuoteTierRule.TierOf(2m, "junior", options));
        Assert.Equal(QuoteTier.Director, QuoteTierRule.TierOf(2.01m, "junior", options));
        Assert.Equal(QuoteTier.Director, QuoteTierRule.TierOf(15m, "junior", options));
        Assert.Equal(QuoteTier.LegalAndFinance, QuoteTierRule.TierOf(15.01m, "junior", options));
    }

    [Fact]
    public void The_director_approves_the_middle_tier_and_legal_and_finance_both_the_top()
    {
        Assert.Empty(QuoteTierRule.RequiredRoles(QuoteTier.Rep));
        Assert.Equal([ChainRoles.SalesDirector], QuoteTierRule.RequiredRoles(QuoteTier.Director));
        Assert.Equal([ChainRoles.Legal, ChainRoles.Finance], QuoteTierRule.RequiredRoles(QuoteTier.LegalAndFinance));
    }

    [Theory]
    [InlineData(20, "junior", 25, "RepAuthority:junior")]          // a rep above the director
    [InlineData(20, "junior", -1, "RepAuthority:junior")]
    [InlineData(100, "junior", 5, "DirectorLimit")]
    [InlineData(0, "junior", 0, "DirectorLimit")]
    public void A_matrix_that_does_not_climb_is_refused_at_start_naming_the_key(int directorLimit, string level, int authority, string key)
    {
        var options = new QuoteTierOptions { DirectorLimit = directorLimit, RepAuthority = new(StringComparer.Ordinal) { [level] = authority } };

        Assert.Contains($"Quotes:Tiers:{key}", options.Validate("Quotes:Tiers"), StringComparison.Ordinal);
        Assert.Null(Defaults.Validate("Quotes:Tiers"));
    }
}
