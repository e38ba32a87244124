using System.Text;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Every answer of the customer API goes out through here and is counted in <see cref="CustomerMetrics"/> on the way:
/// what was done by operation, each refusal (problem details) with its reason. No answer is given uncounted.
/// </summary>
public sealed class CustomerOutcomes(CustomerMetrics metrics)
{
    /// <summary>The request did what it asked.</summary>
    public IResult Done(string operation, IResult result)
    {
        metrics.Accepted(operation);
        return result;
    }

    /// <summary>The JSON body, or the 400 that refuses it (see <see cref="JsonBody"/>).</summary>
    public async Task<(T? Body, IResult? Refusal)> ReadBody<T>(HttpRequest request, string operation, string title, CancellationToken cancellationToken)
        where T : class
    {
        var (body, errors) = await JsonBody.Read<T>(request, cancellationToken);
        return body is null ? (null, Invalid(operation, errors!, title)) : (body, null);
    }

    /// <summary>400 naming each field; the reason, unless given, is the first field's (<c>invalid_credit_code</c>).</summary>
    public IResult Invalid(string operation, IDictionary<string, string[]> errors, string title, string? reason = null)
    {
        metrics.Rejected(operation, reason ?? "invalid_" + SnakeCase(errors.Keys.First()));
        return Results.ValidationProblem(errors, title: title);
    }

    /// <summary>404 for a customer that does not exist or that the viewer may not see: the two are not told apart.</summary>
    public IResult NotFound(string operation, string customerId)
    {
        metrics.Rejected(operation, "not_found");
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown customer", detail: $"There is no customer '{customerId}'.");
    }

    /// <summary>403 with the rule that refused it.</summary>
    public IResult NotAllowed(string operation, string reason, string detail)
    {
        metrics.Rejected(operation, reason);
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail);
    }

    /// <summary>403 naming the rule that refused it (<paramref name="rule"/>, also the metric's reason in snake case).</summary>
    public IResult NotAllowed(string operation, string rule, string title, string detail, IDictionary<string, object?>? facts = null)
    {
        metrics.Rejected(operation, SnakeCase(rule));
        var extensions = new Dictionary<string, object?>(facts ?? new Dictionary<string, object?>(), StringComparer.Ordinal) { ["rule"] = rule };
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: title, detail: detail, extensions: extensions);
    }

    /// <summary>409 naming the rule (<paramref name="rule"/>, also the metric's reason in snake case) and what it found.</summary>
    public IResult Conflict(string operation, string rule, string title, string detail, IDictionary<string, object?>? facts = null)
    {
        metrics.Rejected(operation, SnakeCase(rule));
        var extensions = new Dictionary<string, object?>(facts ?? new Dictionary<string, object?>(), StringComparer.Ordinal) { ["rule"] = rule };
        return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);
    }

    /// <summary><c>creditCode</c> → <c>credit_code</c>, <c>one-open-lead</c> → <c>one_open_lead</c>.</summary>
    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c == '-' ? '_' : c);
            }
        }

        return builder.ToString();
    }
}
