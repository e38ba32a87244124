using System.Collections.Immutable;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Customers.Import;

namespace StoreSales.Domain.Tests.SalesForce.Import;

/// <summary>A chunk decided as creating its rows one after another would decide them.</summary>
public sealed class ImportDeduplicationTests
{
    private static readonly Dictionary<string, string> Nothing = new(StringComparer.Ordinal);

    private static (int, ImportCandidate?, ImportRejection?) Candidate(int row, string rowKey, params string[] keys) =>
        (row, new ImportCandidate(row, rowKey, CustomerKind.Member, "x", "X", null, null, null, "rep", "team", default, null,
            [.. keys.Select(k => new CustomerKey(k.StartsWith("phone:", StringComparison.Ordinal) ? CustomerKeyKind.Phone : CustomerKeyKind.MemberCode, k[(k.IndexOf(':') + 1)..]))]), null);

    private static Func<string> Ids()
    {
        var n = 0;
        return () => $"cust-new-{++n}";
    }

    [Fact]
    public void A_key_held_by_an_existing_customer_makes_a_duplicate_naming_it()
    {
        var outcomes = ImportDeduplication.Decide([Candidate(1, "a", "member:M1", "phone:+861")], Nothing, new Dictionary<string, string> { ["phone:+861"] = "cust-old" }, Ids());

        var duplicate = Assert.Single(outcomes);
        Assert.Equal(ImportOutcomeKind.Duplicate, duplicate.Kind);
        Assert.Equal("cust-old", duplicate.CustomerId);
        Assert.Equal(CustomerKeyKind.Phone, duplicate.MatchedBy);
        Assert.Null(duplicate.EarlierRow);
    }

    [Fact]
    public void Within_the_file_the_first_row_makes_the_customer_and_a_later_one_is_its_duplicate()
    {
        var outcomes = ImportDeduplication.Decide([Candidate(1, "a", "phone:+861"), Candidate(2, "b", "member:M2", "phone:+861")], Nothing, Nothing, Ids());

        Assert.Equal(ImportOutcomeKind.Created, outcomes[0].Kind);
        Assert.Equal((ImportOutcomeKind.Duplicate, "cust-new-1", 1), (outcomes[1].Kind, outcomes[1].CustomerId, outcomes[1].EarlierRow));
    }

    [Fact]
    public void A_row_sharing_a_key_only_with_a_row_that_was_itself_a_duplicate_is_created()
    {
        // Row 2 is a duplicate of row 1 (phone), so it takes no keys: row 3 shares only row 2's member code and is new.
        var outcomes = ImportDeduplication.Decide(
            [Candidate(1, "a", "phone:+861"), Candidate(2, "b", "member:M2", "phone:+861"), Candidate(3, "c", "member:M2")], Nothing, Nothing, Ids());

        Assert.Equal([ImportOutcomeKind.Created, ImportOutcomeKind.Duplicate, ImportOutcomeKind.Created], outcomes.Select(o => o.Kind));
    }

    [Fact]
    public void A_row_key_imported_before_adds_nothing_even_when_its_keys_changed()
    {
        var outcomes = ImportDeduplication.Decide(
            [Candidate(1, "a", "phone:+869"), Candidate(2, "b", "phone:+868"), Candidate(3, "b", "phone:+867")],
            new Dictionary<string, string> { ["a"] = "cust-old" }, Nothing, Ids());

        Assert.Equal((ImportOutcomeKind.AlreadyImported, "cust-old"), (outcomes[0].Kind, outcomes[0].CustomerId));
        Assert.Equal(ImportOutcomeKind.Created, outcomes[1].Kind);
        Assert.Equal((ImportOutcomeKind.AlreadyImported, outcomes[1].CustomerId), (outcomes[2].Kind, outcomes[2].CustomerId)); // the same key twice in one file
    }

    [Fact]
    public void A_rejected_row_stays_rejected_and_takes_nothing()
    {
        var rejection = new ImportRejection(ImportColumns.Phone, ImportRejection.Invalid, "bad");
        var outcomes = ImportDeduplication.Decide([(1, null, rejection), Candidate(2, "b", "phone:+861")], Nothing, Nothing, Ids());

        Assert.Equal((ImportOutcomeKind.Rejected, rejection), (outcomes[0].Kind, outcomes[0].Rejection));
        Assert.Equal(ImportOutcomeKind.Created, outcomes[1].Kind);
    }
}
