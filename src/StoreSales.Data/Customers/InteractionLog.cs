using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.Data.Customers;

/// <summary>
/// Records what reps do with customers. An interaction of a kind that counts as a first contact
/// (<see cref="GoldenHoursRule.IsFirstContact"/>, <c>SalesForce:GoldenHours:FirstContactKinds</c>) by the rep a lead is
/// assigned to closes that open lead's golden 48 hours, in the same transaction.
/// </summary>
public sealed class InteractionLog(NpgsqlDataSource dataSource, IOptions<GoldenHoursOptions> goldenHours, TimeProvider clock)
{
    /// <summary>The interaction as recorded, or null when there is no such customer (or it was merged into another).</summary>
    public async Task<InteractionRecorded?> Record(NewInteraction interaction, CancellationToken cancellationToken)
    {
        var at = LedgerTime.Now(clock);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // FOR SHARE: a merge of this customer (FOR UPDATE) waits for the interaction, or the interaction for the merge
        // and then finds the customer merged: an interaction never lands on a record that is no customer any more.
        var found = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT customer_id FROM customer WHERE customer_id = @customerId AND merged_into IS NULL FOR SHARE",
            new { customerId = interaction.CustomerId },
            transaction,
            cancellationToken: cancellationToken));
        if (found is null)
        {
            return null;
        }

        var interactionId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO interaction (customer_id, rep_id, kind, at, outcome, note, next_action, next_action_due)
            VALUES (@customerId, @repId, @kind, @at, @outcome, @note, @nextAction, @nextActionDue)
            RETURNING interaction_id
            """,
            new
            {
                customerId = interaction.CustomerId,
                repId = interaction.RepId,
                kind = StoredNames.Of(interaction.Kind),
                at = at.UtcDateTime,
                outcome = interaction.Outcome,
                note = interaction.Note,
                nextAction = interaction.NextAction,
                nextActionDue = interaction.NextActionDue,
            },
            transaction,
            cancellationToken: cancellationToken));

        var firstContact = false;
        if (GoldenHoursRule.IsFirstContact(interaction.Kind, goldenHours.Value))
        {
            // The lead is the rep's promise: only their own contact closes it.
            firstContact = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE lead SET first_contact_at = @at
                WHERE customer_id = @customerId AND rep_id = @repId AND first_contact_at IS NULL AND assigned_at <= @at
                """,
                new { customerId = interaction.CustomerId, repId = interaction.RepId, at = at.UtcDateTime },
                transaction,
                cancellationToken: cancellationToken)) > 0;
        }

        await transaction.CommitAsync(cancellationToken);
        return new InteractionRecorded(interactionId, at, firstContact);
    }
}
