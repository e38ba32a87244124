using StoreSales.CommandCenter.Access;

namespace StoreSales.CommandCenter.Tests;

/// <summary>After signing in, the browser goes back only to a page of this site, never to an address a link smuggled in.</summary>
public sealed class ReturnAddressTests
{
    [Theory]
    [InlineData("/stores/store-sh001", "/stores/store-sh001")]
    [InlineData("/hq?window=1h", "/hq?window=1h")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("stores/store-sh001", "/")]
    public void Only_local_paths_are_followed(string? returnUrl, string followed)
    {
        Assert.Equal(followed, AccountEndpoints.LocalOnly(returnUrl));
    }
}
