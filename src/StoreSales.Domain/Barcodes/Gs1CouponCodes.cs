namespace StoreSales.Domain.Barcodes;

/// <summary>
/// The North American coupon layouts the GS1 Barcode Syntax Dictionary checks with its <c>couponcode</c> (AI 8110, the
/// coupon code of the "North American Coupon Application Guideline Using GS1 DataBar Expanded Symbols") and
/// <c>couponposoffer</c> (AI 8112, the positive offer file coupon code of the "GS1 AI (8112) Coupon Data
/// Specification") linters, written from those layouts as GS1's reference linters describe them: digits only, read left
/// to right, each variable-length field announced by a one-digit length indicator (VLI), optional fields introduced by
/// their field number in ascending order, and nothing left over. Each check returns why the value is wrong, naming the
/// field and its 1-based position, or null.
/// </summary>
public static class Gs1CouponCodes
{
    /// <summary>AI (8110): why <paramref name="value"/> is not a valid coupon code, or null.</summary>
    public static string? CouponCode(string value)
    {
        if (NonDigit(value) is { } nonDigit)
        {
            return nonDigit;
        }

        var fields = new CouponFields(value);
        return CompanyPrefix(fields, "GS1 Company Prefix", allowNone: false)
            ?? fields.Field("offer code", 6)
            ?? fields.Sized("save value", "12345", plusSix: false)
            ?? Purchase(fields, "1st purchase")
            ?? (fields.Take('1') ? AdditionalPurchase(fields, "2nd purchase") : null)
            ?? (fields.Take('2') ? Purchase(fields, "3rd purchase") ?? CompanyPrefix(fields, "3rd purchase GS1 Company Prefix", allowNone: true) : null)
            ?? Dates(fields)
            ?? (fields.Take('5') ? fields.Sized("serial number", "0123456789", plusSix: true) : null)
            ?? (fields.Take('6') ? RetailerPrefix(fields) : null)
            ?? (fields.Take('9') ? Miscellaneous(fields) : null)
            ?? fields.Excess();
    }

    /// <summary>AI (8112): why <paramref name="value"/> is not a valid positive offer file coupon code, or null.</summary>
    public static string? PositiveOfferCoupon(string value)
    {
        if (NonDigit(value) is { } nonDigit)
        {
            return nonDigit;
        }

        var fields = new CouponFields(value);
        return fields.Code("coupon format", "01")
            ?? fields.Sized("funder ID", "0123456", plusSix: true)
            ?? fields.Field("offer code", 6)
            ?? fields.Sized("serial number", "0123456789", plusSix: true)
            ?? fields.Excess();
    }

    private static string? NonDigit(string value)
    {
        var at = value.AsSpan().IndexOfAnyExceptInRange('0', '9');
        return at < 0 ? null : $"coupon data must be digits only: '{value[at]}' at value position {at + 1}";
    }

    // The primary GS1 Company Prefix: VLI 0–6 for a prefix of 6–12 digits; a further purchase's may be VLI 9, "none"
    // (the same company as the primary). Checked as the dictionary's gcppos1 does without a prefix data source.
    private static string? CompanyPrefix(CouponFields fields, string name, bool allowNone)
    {
        var start = fields.Position;
        if (fields.Code($"{name} length indicator", allowNone ? "01234569" : "0123456", out var vli) is { } error)
        {
            return error;
        }

        if (vli == '9')
        {
            return null;
        }

        return fields.Field(name, vli - '0' + 6, out var prefix)
            ?? (Gs1Linters.Check("gcppos1", prefix, currentYear: null) is { } prefixError ? $"{name} at value position {start + 1}: {prefixError}" : null);
    }

    // A purchase requirement (VLI 1–5, then that many digits), its requirement code (0–4, or 9) and its 3-digit family code.
    private static string? Purchase(CouponFields fields, string which) =>
        fields.Sized($"{which} requirement", "12345", plusSix: false)
        ?? fields.Code($"{which} requirement code", "012349")
        ?? fields.Field($"{which} family code", 3);

    // Optional field 1: the additional purchase rules code (0–3), then the 2nd purchase and its company prefix.
    private static string? AdditionalPurchase(CouponFields fields, string which) =>
        fields.Code("additional purchase rules code", "0123")
        ?? Purchase(fields, which)
        ?? CompanyPrefix(fields, $"{which} GS1 Company Prefix", allowNone: true);

    // Optional fields 3 (expiration date) and 4 (start date), YYMMDD, day 00 not allowed; a coupon must not expire
    // before it starts (compared as written, as GS1's reference linter does).
    private static string? Dates(CouponFields fields)
    {
        string? expiry = null;
        if (fields.Take('3') && fields.Date("expiration date", out expiry) is { } expiryError)
        {
            return expiryError;
        }

        if (fields.Take('4'))
        {
            if (fields.Date("start date", out var start) is { } startError)
            {
                return startError;
            }

            if (expiry is not null && string.CompareOrdinal(start, expiry) > 0)
            {
                return $"expiration date {expiry} is before the start date {start}";
            }
        }

        return null;
    }

    // Optional field 6: the retailer's GS1 Company Prefix or GLN, VLI 1–7 for 7–13 digits.
    private static string? RetailerPrefix(CouponFields fields)
    {
        var start = fields.Position;
        return fields.Sized("retailer GS1 Company Prefix or GLN", "1234567", plusSix: true, out var prefix)
            ?? (Gs1Linters.Check("gcppos1", prefix, currentYear: null) is { } error ? $"retailer GS1 Company Prefix or GLN at value position {start + 1}: {error}" : null);
    }

    // Optional field 9: save value code (0, 1, 2, 5, 6), save value applies to item (0–2), store coupon flag (any digit),
    // don't multiply flag (0 or 1).
    private static string? Miscellaneous(CouponFields fields) =>
        fields.Code("save value code", "01256")
        ?? fields.Code("save value applies to item", "012")
        ?? fields.Code("store coupon flag", "0123456789")
        ?? fields.Code("don't multiply flag", "01");
}
