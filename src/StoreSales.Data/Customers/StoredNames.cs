using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Data.Customers;

/// <summary>
/// How customer and interaction kinds are written in the database (lower case, as the migration's CHECKs name them)
/// and in the API: one vocabulary, so a renamed enum member cannot silently change what is stored or accepted.
/// </summary>
public static class StoredNames
{
    public static string Of(CustomerKind kind) => kind switch
    {
        CustomerKind.Member => "member",
        CustomerKind.Account => "account",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(InteractionKind kind) => kind switch
    {
        InteractionKind.Call => "call",
        InteractionKind.Visit => "visit",
        InteractionKind.Message => "message",
        InteractionKind.Note => "note",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A customer kind as written (<c>member</c>, <c>account</c>; any case, spaces around); false for anything else.</summary>
    public static bool TryCustomerKind(string? text, out CustomerKind kind) => TryParse(text, Of, out kind);

    /// <summary>An interaction kind as written (<c>call</c>, <c>visit</c>, <c>message</c>, <c>note</c>; any case); false for anything else.</summary>
    public static bool TryInteractionKind(string? text, out InteractionKind kind) => TryParse(text, Of, out kind);

    public static CustomerKind CustomerKindOf(string stored) =>
        TryCustomerKind(stored, out var kind) ? kind : throw new InvalidDataException($"Unknown customer kind '{stored}' in the database.");

    // Not Enum.TryParse: it would take "1" or "Call, Note" as well.
    private static bool TryParse<T>(string? text, Func<T, string> name, out T value)
        where T : struct, Enum
    {
        var wanted = text?.Trim().ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (name(candidate) == wanted)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
