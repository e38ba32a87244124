using Npgsql;
using StoreSales.Abstractions.Opportunities;

namespace StoreSales.Data.Opportunities;

/// <summary>After a commit: reads the opportunity as it now stands and tells every <see cref="IOpportunityNotices"/> (the grain, open pages).</summary>
public sealed class OpportunityChanges(NpgsqlDataSource dataSource, IEnumerable<IOpportunityNotices> notices)
{
    public async Task<OpportunityFacts?> Tell(string opportunityId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var after = await PgOpportunityFacts.ReadIn(connection, null, opportunityId, cancellationToken);
        if (after is not null)
        {
            foreach (var notice in notices)
            {
                await notice.Changed(after.OpportunityId, after.OwnerRepId, after.DepartmentId, cancellationToken);
            }
        }

        return after;
    }
}
