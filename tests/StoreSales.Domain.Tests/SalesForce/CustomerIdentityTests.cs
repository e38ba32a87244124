using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class CustomerIdentityTests
{
    private static readonly CustomerIdentityOptions Defaults = new();

    [Theory]
    [InlineData("13800138000", "+8613800138000")]          // mainland mobile, no country code
    [InlineData("138 0013 8000", "+8613800138000")]
    [InlineData("138-0013-8000", "+8613800138000")]
    [InlineData("+86 138 0013 8000", "+8613800138000")]
    [InlineData("0086 13800138000", "+8613800138000")]     // international prefix from the mainland
    [InlineData("8613800138000", "+8613800138000")]        // country code without the plus
    [InlineData("１３８００１３８０００", "+8613800138000")]  // full-width digits from a Chinese input method
    [InlineData("  19912345678 ", "+8619912345678")]       // a newer mobile prefix
    [InlineData("010 6552 9988", "+861065529988")]         // a Beijing landline (B2B accounts)
    [InlineData("+852 6123 4567", "+85261234567")]         // Hong Kong, with its country code
    public void A_phone_number_is_stored_in_E164(string raw, string e164)
    {
        var check = CustomerPhone.Normalize(raw, Defaults.DefaultPhoneRegion);

        Assert.True(check.IsValid, check.Failure?.Message);
        Assert.Equal(e164, check.Value);
    }

    [Theory]
    [InlineData("", IdentityProblem.Missing)]
    [InlineData("   ", IdentityProblem.Missing)]
    [InlineData(null, IdentityProblem.Missing)]
    [InlineData("not a number", IdentityProblem.Unreadable)]
    [InlineData("1380013800", IdentityProblem.NotANumber)]    // a mobile number one digit short
    [InlineData("138001380001", IdentityProblem.NotANumber)]  // one digit long
    [InlineData("12345678901", IdentityProblem.NotANumber)]   // 11 digits, but no mainland mobile starts 12
    public void A_phone_number_that_is_no_number_is_refused_naming_the_field(string? raw, IdentityProblem problem)
    {
        var check = CustomerPhone.Normalize(raw, Defaults.DefaultPhoneRegion);

        Assert.Null(check.Value);
        Assert.Equal(CustomerField.Phone, check.Failure!.Field);
        Assert.Equal(problem, check.Failure.Problem);
    }

    [Theory]
    [InlineData("91350100M000100Y43")] // the worked example of GB 32100-2015
    [InlineData("914403001922038216")] // 华为技术有限公司, as published
    [InlineData("91110108551385082Q")] // 小米科技有限责任公司, as published
    [InlineData("9144030071526726XG")] // 深圳市腾讯计算机系统有限公司, as published
    [InlineData("91520000214434146R")] // 贵州茅台酒股份有限公司, as published
    public void Published_credit_codes_are_valid(string code)
    {
        var check = UnifiedSocialCreditCode.Normalize(code);

        Assert.True(check.IsValid, check.Failure?.Message);
        Assert.Equal(code, check.Value);
        Assert.Equal(code[^1], UnifiedSocialCreditCode.CheckCharacter(code.AsSpan(0, 17)));
    }

    [Theory]
    [InlineData(" 91110108551385082q ", "91110108551385082Q")]   // trimmed, upper case
    [InlineData("９１１１０１０８５５１３８５０８２Ｑ", "91110108551385082Q")] // full width
    public void A_credit_code_is_stored_in_one_form(string raw, string stored) =>
        Assert.Equal(stored, UnifiedSocialCreditCode.Normalize(raw).Value);

    [Theory]
    [InlineData("91110108551385082R", IdentityProblem.WrongCheckCharacter)] // last character mistyped
    [InlineData("91110108551385028Q", IdentityProblem.WrongCheckCharacter)] // two digits swapped
    [InlineData("914403001922038217", IdentityProblem.WrongCheckCharacter)]
    [InlineData("91110108551385O82Q", IdentityProblem.InvalidCharacter)]    // letter O for zero
    [InlineData("9I110108551385082Q", IdentityProblem.InvalidCharacter)]    // letter I for one
    [InlineData("91110108551385082S", IdentityProblem.InvalidCharacter)]    // S, V and Z are not in the alphabet
    [InlineData("91110108551385082-", IdentityProblem.InvalidCharacter)]
    [InlineData("91110108551385082", IdentityProblem.WrongLength)]          // 17 characters
    [InlineData("91110108551385082QQ", IdentityProblem.WrongLength)]        // 19 characters
    [InlineData("110108551385082", IdentityProblem.WrongLength)]            // an old 15-digit business licence number
    [InlineData("", IdentityProblem.Missing)]
    public void An_invalid_credit_code_is_refused_naming_the_field(string raw, IdentityProblem problem)
    {
        var check = UnifiedSocialCreditCode.Normalize(raw);

        Assert.Equal(CustomerField.CreditCode, check.Failure!.Field);
        Assert.Equal(problem, check.Failure.Problem);
    }

    [Fact]
    public void The_check_character_wraps_31_to_0()
    {
        // 17 zeros: weighted sum 0, 31 − 0 = 31, which is the value 0.
        Assert.Equal('0', UnifiedSocialCreditCode.CheckCharacter("00000000000000000"));
    }

    [Theory]
    [InlineData("  北京 小米  科技 ", CustomerKind.Member, "北京小米科技")]         // spaces between Chinese characters go
    [InlineData("Zhang  Wei", CustomerKind.Member, "ZHANG WEI")]                  // runs of spaces collapse, case folds
    [InlineData("ＡＣＭＥ　Ｔｒａｄｉｎｇ", CustomerKind.Member, "ACME TRADING")]   // full width and the ideographic space
    [InlineData("小米科技有限责任公司", CustomerKind.Account, "小米科技")]
    [InlineData("小米科技有限公司", CustomerKind.Account, "小米科技")]
    [InlineData("贵州茅台酒股份有限公司", CustomerKind.Account, "贵州茅台酒")]
    [InlineData("阿里巴巴（中国）有限公司", CustomerKind.Account, "阿里巴巴(中国)")]
    [InlineData("华为技术有限公司北京分公司", CustomerKind.Account, "华为技术有限公司北京分公司")] // a branch stays an account of its own
    [InlineData("某某集团", CustomerKind.Account, "某某集团")]                        // a group is not its subsidiary
    [InlineData("Acme Co., Ltd.", CustomerKind.Account, "ACME")]
    [InlineData("ACME CO.,LTD", CustomerKind.Account, "ACME")]
    [InlineData("Acme Trading Limited", CustomerKind.Account, "ACME TRADING")]
    [InlineData("Acme, Inc.", CustomerKind.Account, "ACME")]
    [InlineData("The Coca-Cola Company", CustomerKind.Account, "THE COCA-COLA COMPANY")] // a bare "Company" is part of the name
    [InlineData("Bigcorp", CustomerKind.Account, "BIGCORP")]                         // only a whole word is a legal form
    [InlineData("有限公司", CustomerKind.Account, "有限公司")]                          // nothing but the legal form: kept
    [InlineData("Acme Co., Ltd.", CustomerKind.Member, "ACME CO., LTD.")]            // a person's name is not stripped
    public void A_name_is_compared_in_one_form(string raw, CustomerKind kind, string normalized) =>
        Assert.Equal(normalized, CustomerName.Normalize(raw, kind).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" 　 ")]
    public void An_empty_name_is_refused_naming_the_field(string? raw) =>
        Assert.Equal(CustomerField.Name, CustomerName.Normalize(raw, CustomerKind.Member).Failure!.Field);

    [Fact]
    public void An_account_has_keys_for_its_credit_code_phone_and_name()
    {
        var keys = CustomerKeys.Of(new CustomerIdentity(CustomerKind.Account, "小米科技有限责任公司", Phone: "010 6552 9988", CreditCode: "91110108551385082q"), Defaults);

        Assert.True(keys.IsValid);
        Assert.Equal(["uscc:91110108551385082Q", "phone:+861065529988", "name:小米科技"], keys.Keys.Select(k => k.Text));
    }

    [Fact]
    public void A_member_is_found_by_member_code_and_phone_but_not_by_name_unless_configured()
    {
        var member = new CustomerIdentity(CustomerKind.Member, "张伟", MemberCode: " 0012345678 ", Phone: "13800138000");

        var keys = CustomerKeys.Of(member, Defaults);
        var byName = CustomerKeys.Of(member, Defaults with { MatchMembersByName = true });

        Assert.Equal(["member:0012345678", "phone:+8613800138000"], keys.Keys.Select(k => k.Text));
        Assert.Equal(["member:0012345678", "phone:+8613800138000", "name:张伟"], byName.Keys.Select(k => k.Text));
    }

    [Fact]
    public void Every_invalid_field_is_reported_and_none_is_silently_dropped()
    {
        var keys = CustomerKeys.Of(new CustomerIdentity(CustomerKind.Account, " ", Phone: "12345", CreditCode: "91110108551385082R"), Defaults);

        Assert.False(keys.IsValid);
        Assert.Equal([CustomerField.CreditCode, CustomerField.Phone, CustomerField.Name], keys.Failures.Select(f => f.Field));
    }

    [Fact]
    public void The_same_customer_typed_two_ways_has_the_same_keys()
    {
        var typed = CustomerKeys.Of(new CustomerIdentity(CustomerKind.Account, "Acme Co., Ltd.", Phone: "+86 138-0013-8000"), Defaults);
        var imported = CustomerKeys.Of(new CustomerIdentity(CustomerKind.Account, "ＡＣＭＥ　ＬＩＭＩＴＥＤ", Phone: "13800138000"), Defaults);

        Assert.Equal(typed.Keys, imported.Keys);
    }

    [Theory]
    [InlineData("CN", true)]
    [InlineData("HK", true)]
    [InlineData("XX", false)]
    [InlineData("", false)]
    public void The_default_phone_region_must_be_one_libphonenumber_knows(string region, bool valid) =>
        Assert.Equal(valid, new CustomerIdentityOptions { DefaultPhoneRegion = region }.Validate() is null);
}
