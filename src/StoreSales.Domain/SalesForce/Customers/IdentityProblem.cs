namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>Why an identity field was refused.</summary>
public enum IdentityProblem
{
    /// <summary>Empty, or nothing left once spaces and noise are taken away.</summary>
    Missing,

    /// <summary>Not recognisable as a value of its kind at all (letters in a phone number, no digits).</summary>
    Unreadable,

    /// <summary>Readable, but no such number exists in the numbering plan (wrong length, unassigned prefix).</summary>
    NotANumber,

    /// <summary>Not the length the standard fixes.</summary>
    WrongLength,

    /// <summary>A character the standard's alphabet does not have (I, O, S, V, Z in a credit code).</summary>
    InvalidCharacter,

    /// <summary>The check character does not match the others: a typing error.</summary>
    WrongCheckCharacter,
}
