using Dapper;
using Npgsql;
using StoreSales.Domain.Access;

namespace StoreSales.Data.Notifications;

/// <summary>
/// Keeps the scope of people signed in by the chain's OpenID Connect provider as of their latest sign-in
/// (<c>person_scope</c>): they have no account row to read it from when an alert goes out. An account's scope is read
/// from the account itself (<c>person_scope_now</c>), so nothing here is needed for password sign-ins.
/// </summary>
public sealed class PersonScopes(NpgsqlDataSource dataSource)
{
    public async Task Record(string personId, ViewerScope scope, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO person_scope (person_id, roles, regions, stores, departments, rep_id, signed_in_at)
            VALUES (@personId, @roles, @regions, @stores, @departments, @repId, @at)
            ON CONFLICT (person_id) DO UPDATE SET roles = excluded.roles, regions = excluded.regions, stores = excluded.stores,
                departments = excluded.departments, rep_id = excluded.rep_id, signed_in_at = excluded.signed_in_at
            """,
            new
            {
                personId,
                roles = Sorted(scope.Roles),
                regions = Sorted(scope.Regions),
                stores = Sorted(scope.Stores),
                departments = Sorted(scope.Departments),
                repId = scope.RepId,
                at = at.UtcDateTime,
            },
            cancellationToken: cancellationToken));
    }

    private static string[] Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToArray();
}
