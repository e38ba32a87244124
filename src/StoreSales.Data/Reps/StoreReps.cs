using Dapper;
using Npgsql;

namespace StoreSales.Data.Reps;

/// <summary>The reps of a store (master data), for the links from a store's board to its reps' boards.</summary>
public sealed class StoreReps(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<StoreRep>> Of(string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoreRep>(new CommandDefinition(
            "SELECT rep_id AS RepId, name AS Name, active AS Active FROM rep WHERE store_id = @storeId ORDER BY rep_id",
            new { storeId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }
}

/// <summary>A rep of a store: id, name, and whether they still sell (a departed rep stays listed, marked).</summary>
public sealed record StoreRep(string RepId, string Name, bool Active);
