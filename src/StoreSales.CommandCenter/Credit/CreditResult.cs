using System.Text;

namespace StoreSales.CommandCenter.Credit;

/// <summary>What a credit or order request came to; <see cref="Answer"/> makes it the HTTP answer and counts it.</summary>
public abstract record CreditResult
{
    private CreditResult()
    {
    }

    /// <summary>Done: <see cref="Body"/> with 200, or 201 at <see cref="Location"/>.</summary>
    public sealed record Done(object Body, string? Location = null) : CreditResult;

    /// <summary>400 naming each field.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : CreditResult;

    /// <summary>404: unknown, or out of the viewer's scope (not told apart).</summary>
    public sealed record NotFound(string What, string Id) : CreditResult;

    /// <summary>403 naming the rule.</summary>
    public sealed record NotAllowed(string Rule, string Detail) : CreditResult;

    /// <summary>409 naming the rule and what it found.</summary>
    public sealed record Conflict(string Rule, string Title, string Detail, IReadOnlyDictionary<string, object?>? Facts = null) : CreditResult;

    /// <summary>The answer, counted in <paramref name="metrics"/> under <paramref name="operation"/>: every refusal with its reason.</summary>
    public IResult Answer(CreditMetrics metrics, string operation)
    {
        switch (this)
        {
            case Done done:
                metrics.Accepted(operation);
                return done.Location is { } location ? Results.Created(location, done.Body) : Results.Ok(done.Body);
            case Invalid invalid:
                metrics.Rejected(operation, "invalid_" + SnakeCase(invalid.Errors.Keys.First()));
                return Results.ValidationProblem(invalid.Errors, title: "Invalid " + operation.Replace('-', ' '));
            case NotFound notFound:
                metrics.Rejected(operation, "not_found");
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {notFound.What}", detail: $"There is no {notFound.What} '{notFound.Id}'.");
            case NotAllowed notAllowed:
                metrics.Rejected(operation, SnakeCase(notAllowed.Rule));
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: notAllowed.Detail,
                    extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["rule"] = notAllowed.Rule });
            case Conflict conflict:
                metrics.Rejected(operation, SnakeCase(conflict.Rule));
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail,
                    extensions: new Dictionary<string, object?>(conflict.Facts ?? new Dictionary<string, object?>(), StringComparer.Ordinal) { ["rule"] = conflict.Rule });
            default:
                throw new InvalidOperationException($"Unexpected result {this}.");
        }
    }

    /// <summary><c>documentNo</c> → <c>document_no</c>, <c>changed-figures</c> → <c>changed_figures</c>, <c>lines[0].itemId</c> → <c>lines</c>.</summary>
    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name.Split('[')[0])
        {
            builder.Append(char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c == '-' ? "_" : c.ToString());
        }

        return builder.ToString();
    }
}
