using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using StoreSales.CommandCenter.Components.SalesForce;
using StoreSales.CommandCenter.Resources;
using StoreSales.CommandCenter.SalesForce;
using StoreSales.Domain.SalesForce.Pool;

namespace StoreSales.CommandCenter.Tests;

/// <summary>Each refused claim on the pool page names its rule, as the API's problem details do, with the setting that decided it.</summary>
public sealed class PoolRefusalTextTests : BoardComponentContext
{
    [Theory]
    [InlineData(PoolClaimRefusal.NotInPool, "not-in-pool", "not in the pool any more")]
    [InlineData(PoolClaimRefusal.OtherDepartment, "other-department", "belongs to another team")]
    [InlineData(PoolClaimRefusal.FormerOwnerBarred, "former-owner-barred", "only 30 days after the release")]
    [InlineData(PoolClaimRefusal.DailyCapReached, "daily-claim-cap", "claimed 5 customers today")]
    public void Each_refusal_is_said_in_words_naming_its_rule(PoolClaimRefusal refusal, string rule, string words)
    {
        var texts = Services.GetRequiredService<IStringLocalizer<Labels>>();

        var (code, text) = PoolRefusalText.Of(texts, new PoolPageClaim(null, refusal, Unknown: false), "刘洋", new PoolClaimOptions());

        Assert.Equal(rule, code);
        Assert.Contains(words, text, StringComparison.Ordinal);
        Assert.Contains($"rule {rule}", text, StringComparison.Ordinal);
    }
}
