namespace StoreSales.Domain.Credit;

/// <summary>A receivable as checked: ready to keep.</summary>
public sealed record Receivable(string DocumentNo, string CustomerId, decimal Amount, string Currency, DateOnly IssuedOn, DateOnly DueOn, string? OrderId);

/// <summary>A payment as checked: ready to keep.</summary>
public sealed record Payment(string DocumentNo, string CustomerId, decimal Amount, string Currency, DateTimeOffset PaidAt, string? AppliedTo);

/// <summary>A document checked: the document, or the problems by field (JSON names: <c>documentNo</c>, <c>dueOn</c> …).</summary>
public sealed record DocumentCheck<T>(T? Document, IReadOnlyDictionary<string, string[]> Errors)
    where T : class
{
    public bool IsValid => Document is not null;
}

/// <summary>
/// The rules of a receivable or payment from the ERP, by API or CSV alike (docs/domain.md "Credit hold"): a document
/// number (at most 64 characters, no spaces), a customer, an amount above zero with at most two decimals, the chain's
/// currency, a receivable's due date not before its issue date. Pure; the fields come as text from a CSV row or JSON.
/// </summary>
public static class CreditDocuments
{
    public const int MaxDocumentNoLength = 64;

    /// <summary>The largest amount numeric(16, 2) holds, with room for sums.</summary>
    public const decimal MaxAmount = 999_999_999_999.99m;

    public static DocumentCheck<Receivable> CheckReceivable(
        string? documentNo, string? customerId, decimal? amount, string? currency, DateOnly? issuedOn, DateOnly? dueOn, string? orderId, CreditOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var number = DocumentNo(documentNo, "documentNo", errors);
        var customer = Required(customerId, "customerId", errors);
        Amount(amount, errors);
        var money = Currency(currency, options, errors);
        if (issuedOn is null)
        {
            errors["issuedOn"] = ["Required, as yyyy-MM-dd."];
        }

        if (dueOn is null)
        {
            errors["dueOn"] = ["Required, as yyyy-MM-dd."];
        }
        else if (issuedOn is { } issued && dueOn < issued)
        {
            errors["dueOn"] = [$"Must not be before issuedOn ({issued:yyyy-MM-dd})."];
        }

        var order = Optional(orderId, "orderId", errors);
        return errors.Count > 0
            ? new DocumentCheck<Receivable>(null, errors)
            : new DocumentCheck<Receivable>(new Receivable(number!, customer!, amount!.Value, money, issuedOn!.Value, dueOn!.Value, order), errors);
    }

    public static DocumentCheck<Payment> CheckPayment(
        string? documentNo, string? customerId, decimal? amount, string? currency, DateTimeOffset? paidAt, string? appliedTo, DateTimeOffset now, CreditOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var number = DocumentNo(documentNo, "documentNo", errors);
        var customer = Required(customerId, "customerId", errors);
        Amount(amount, errors);
        var money = Currency(currency, options, errors);
        if (paidAt is null)
        {
            errors["paidAt"] = ["Required, as an instant with its offset (2026-11-20T10:00:00+08:00)."];
        }
        else if (paidAt > now.AddMinutes(5))
        {
            errors["paidAt"] = ["Must not be in the future."];
        }

        var target = Optional(appliedTo, "appliedTo", errors);
        return errors.Count > 0
            ? new DocumentCheck<Payment>(null, errors)
            : new DocumentCheck<Payment>(new Payment(number!, customer!, amount!.Value, money, paidAt!.Value, target), errors);
    }

    private static string? DocumentNo(string? value, string field, Dictionary<string, string[]> errors)
    {
        var text = Required(value, field, errors);
        if (text is null)
        {
            return null;
        }

        if (text.Length > MaxDocumentNoLength || text.Any(char.IsWhiteSpace))
        {
            errors[field] = [$"At most {MaxDocumentNoLength} characters, without spaces."];
            return null;
        }

        return text;
    }

    private static string? Required(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
            return null;
        }

        return value.Trim();
    }

    private static string? Optional(string? value, string field, Dictionary<string, string[]> errors) =>
        string.IsNullOrWhiteSpace(value) ? null : DocumentNo(value, field, errors);

    private static void Amount(decimal? amount, Dictionary<string, string[]> errors)
    {
        if (amount is not { } value)
        {
            errors["amount"] = ["Required."];
        }
        else if (value <= 0 || value > MaxAmount || decimal.Round(value, 2) != value)
        {
            errors["amount"] = [$"Must be above 0 and at most {MaxAmount:0.00}, with at most two decimals."];
        }
    }

    private static string Currency(string? currency, CreditOptions options, Dictionary<string, string[]> errors)
    {
        var code = string.IsNullOrWhiteSpace(currency) ? options.Currency : currency.Trim().ToUpperInvariant();
        if (!string.Equals(code, options.Currency, StringComparison.Ordinal))
        {
            errors["currency"] = [$"Credit is kept in {options.Currency} (Credit:Currency); '{currency}' is not taken."];
        }

        return code;
    }
}
