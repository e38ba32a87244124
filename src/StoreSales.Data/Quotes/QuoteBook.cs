using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.Approvals;
using StoreSales.Data.Customers;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.Data.Quotes;

/// <summary>
/// Makes, changes and submits quote versions (docs/domain.md "Quotes"). Every version is priced (<see cref="QuoteTotals"/>)
/// and sealed (<see cref="QuoteSeal"/>) when written; a draft may be replaced in place, anything submitted never (a change
/// makes a new version, which supersedes the older ones and withdraws a pending approval). Submitting a version within
/// the rep's authority approves it at once; beyond it files a <see cref="ApprovalKinds.Quote"/> request for the tier's
/// roles in the same transaction. Refusals are kept in quote_refusal. Scope is the caller's (QuoteAccessRule).
/// </summary>
public sealed class QuoteBook(
    NpgsqlDataSource dataSource,
    ApprovalBook approvals,
    QuoteReader reader,
    ChainToday today,
    TimeProvider clock,
    IOptions<QuotesOptions> options,
    ILogger<QuoteBook> logger)
{
    /// <summary>A new quote on <paramref name="opportunity"/> with its version 1 (a draft).</summary>
    public Task<QuoteResult> Create(QuoteOpportunity opportunity, IReadOnlyList<QuoteLineRequest> lines, DateOnly? validUntil, string actor, CancellationToken cancellationToken) =>
        Write(opportunity, null, null, lines, validUntil, actor, cancellationToken);

    /// <summary>A new version of <paramref name="current"/> (its newest): the older versions are superseded and a pending approval withdrawn.</summary>
    public Task<QuoteResult> NewVersion(QuoteVersionView current, IReadOnlyList<QuoteLineRequest> lines, DateOnly? validUntil, string actor, CancellationToken cancellationToken) =>
        Write(current.Opportunity, current, null, lines, validUntil, actor, cancellationToken);

    /// <summary>Replaces a draft's lines and validity in place; a version that is no longer a draft is refused (and the attempt kept).</summary>
    public Task<QuoteResult> EditDraft(QuoteVersionView draft, IReadOnlyList<QuoteLineRequest> lines, DateOnly? validUntil, string actor, CancellationToken cancellationToken) =>
        Write(draft.Opportunity, null, draft, lines, validUntil, actor, cancellationToken);

    public async Task<QuoteResult> Submit(QuoteVersionView version, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await Lock(connection, transaction, version.QuoteNumber, version.Version, cancellationToken);
        var refused = current is null ? null
            : current.Version != current.LatestVersion ? QuoteRefused.Of(QuoteRefused.NotLatest, QuoteRefusalCodes.NotLatest, "version", $"Version {current.Version} was replaced by version {current.LatestVersion}: submit that one.", QuoteLineRule.Text(current.Version), QuoteLineRule.Text(current.LatestVersion))
            : current.Status != QuoteStatus.Draft ? QuoteRefused.Of(QuoteRefused.AlreadySubmitted, QuoteRefusalCodes.AlreadySubmitted, "version", $"Version {current.Version} is already {current.Status}.", QuoteLineRule.Text(current.Version), current.Status)
            : current.ValidUntil < today.Date() ? QuoteRefused.Of(QuoteRefused.Expired, QuoteRefusalCodes.Expired, "validUntil", $"Version {current.Version} was valid until {current.ValidUntil:yyyy-MM-dd}: make a new version with a new validity.", QuoteLineRule.Text(current.Version), QuoteLineRule.Text(current.ValidUntil))
            : current.Opportunity.Outcome is { } outcome ? QuoteRefused.Of(QuoteRefused.OpportunityClosed, QuoteRefusalCodes.OpportunityClosed, "opportunityId", $"The opportunity is {outcome}: it takes no more quotes.", outcome)
            : null;
        if (current is null || refused is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await Refuse(version, actor, "submit", refused ?? QuoteRefused.Of(QuoteRefused.NotLatest, QuoteRefusalCodes.VersionGone, "version", "The version no longer exists."), cancellationToken);
        }

        var now = LedgerTime.Now(clock);
        var tier = QuoteTierRule.TierOf(current.DeepestDiscount, current.RepLevel, options.Value.Tiers);
        var status = tier == QuoteTier.Rep ? QuoteStatus.Approved : QuoteStatus.Submitted;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE quote_version SET status = @status, tier = @tier, submitted_by = @actor, submitted_at = @now,
                                     decided_at = CASE WHEN @status = 'approved' THEN @now END
            WHERE quote_number = @QuoteNumber AND version = @Version
            """,
            new { status, tier = QuoteTierRule.Code(tier), actor, now, current.QuoteNumber, current.Version }, transaction, cancellationToken: cancellationToken));
        if (tier != QuoteTier.Rep)
        {
            var filed = await approvals.FileIn(connection, transaction, new NewApprovalRequest(
                ApprovalKinds.Quote,
                current.SubjectId,
                QuoteTierRule.RequiredRoles(tier),
                actor,
                null,
                current.Opportunity.CustomerId,
                current.Opportunity.DepartmentId,
                current.Opportunity.RegionId,
                current.NetTotal,
                QuoteApprovalSummary.Json(current with { Tier = tier })), cancellationToken);
            logger.LogInformation("Quote {Quote} version {Version} submitted by {Actor}: {Tier} tier, approval {ApprovalId} filed", current.QuoteNumber, current.Version, actor, tier, filed.Request.ApprovalId);
        }

        await transaction.CommitAsync(cancellationToken);
        return new QuoteWritten((await reader.Find(current.QuoteNumber, current.Version, cancellationToken))!, tier != QuoteTier.Rep);
    }

    private async Task<QuoteResult> Write(
        QuoteOpportunity opportunity, QuoteVersionView? replacing, QuoteVersionView? draft, IReadOnlyList<QuoteLineRequest> requested,
        DateOnly? validUntil, string actor, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var date = today.Date();
        var until = validUntil ?? date.AddDays(settings.DefaultValidityDays);
        var operation = draft is not null ? "edit" : replacing is not null ? "new-version" : "create";
        var subject = draft ?? replacing;
        if (opportunity.Outcome is { } outcome)
        {
            return await Refuse(subject, actor, operation, QuoteRefused.Of(QuoteRefused.OpportunityClosed, QuoteRefusalCodes.OpportunityClosed, "opportunityId", $"The opportunity is {outcome}: it takes no more quotes.", outcome), cancellationToken);
        }

        var items = (await reader.Items([.. requested.Select(l => l.ItemCode)], settings.MaxLines, cancellationToken)).ToDictionary(i => i.Code, StringComparer.Ordinal);
        var unknown = requested.Select((l, i) => (l, i)).FirstOrDefault(x => !items.ContainsKey(x.l.ItemCode));
        if (unknown.l is not null)
        {
            return await Refuse(subject, actor, operation, QuoteRefused.Of(QuoteRefused.InvalidLine, QuoteRefusalCodes.UnknownItem, $"lines[{unknown.i}].itemCode", $"Line {unknown.i + 1}: there is no item '{unknown.l.ItemCode}' with a list price.", QuoteLineRule.Text(unknown.i + 1), unknown.l.ItemCode), cancellationToken);
        }

        var lines = requested.Select(l => new QuoteLineInput(l.ItemCode, items[l.ItemCode].Name, l.Quantity, items[l.ItemCode].ListPrice, l.DiscountPercent, items[l.ItemCode].UnitCost)).ToList();
        if (QuoteLineRule.Check(lines, until, date, settings) is { } invalid)
        {
            return await Refuse(subject, actor, operation, invalid, cancellationToken);
        }

        var figures = QuoteTotals.Of(lines);
        var tier = QuoteTierRule.TierOf(figures.DeepestDiscount, opportunity.RepLevel, settings.Tiers);
        var now = LedgerTime.Now(clock);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string number;
        int version;
        if (draft is not null)
        {
            var current = await Lock(connection, transaction, draft.QuoteNumber, draft.Version, cancellationToken);
            if (current is null || current.Status != QuoteStatus.Draft)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await Refuse(draft, actor, operation, QuoteRefused.Of(
                    QuoteRefused.VersionFixed, QuoteRefusalCodes.VersionFixed, "version",
                    $"Version {draft.Version} is {current?.Status ?? "gone"}: a submitted version is never changed. Make a new version instead.",
                    QuoteLineRule.Text(draft.Version), current?.Status ?? "gone"), cancellationToken);
            }

            (number, version) = (draft.QuoteNumber, draft.Version);
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM quote_line WHERE quote_number = @number AND version = @version", new { number, version }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM quote_version WHERE quote_number = @number AND version = @version", new { number, version }, transaction, cancellationToken: cancellationToken));
        }
        else if (replacing is not null)
        {
            number = replacing.QuoteNumber;
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT 1 FROM quote WHERE quote_number = @number FOR UPDATE", new { number }, transaction, cancellationToken: cancellationToken));
            version = await connection.QuerySingleAsync<int>(new CommandDefinition(
                "SELECT max(version) + 1 FROM quote_version WHERE quote_number = @number", new { number }, transaction, cancellationToken: cancellationToken));
            var older = (await connection.QueryAsync<int>(new CommandDefinition(
                """
                UPDATE quote_version SET status = 'superseded'
                WHERE quote_number = @number AND status IN ('draft', 'submitted', 'approved')
                RETURNING version
                """,
                new { number }, transaction, cancellationToken: cancellationToken))).ToList();
            foreach (var old in older)
            {
                await approvals.WithdrawIn(connection, transaction, ApprovalKinds.Quote, QuoteVersionView.SubjectOf(number, old), cancellationToken);
            }
        }
        else
        {
            var sequence = await connection.QuerySingleAsync<long>(new CommandDefinition("SELECT nextval('quote_number_seq')", transaction: transaction, cancellationToken: cancellationToken));
            number = $"Q-{date.Year.ToString(CultureInfo.InvariantCulture)}-{sequence.ToString("000000", CultureInfo.InvariantCulture)}";
            version = 1;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO quote (quote_number, opportunity_id, customer_id, currency, created_by, created_at)
                VALUES (@number, @OpportunityId, @CustomerId, @Currency, @actor, @now)
                """,
                new { number, opportunity.OpportunityId, opportunity.CustomerId, opportunity.Currency, actor, now }, transaction, cancellationToken: cancellationToken));
        }

        var content = QuoteSeal.Content(new QuoteSealContent(number, version, opportunity.CustomerId, opportunity.CustomerName, opportunity.Currency, until, figures.Lines, figures.ListTotal, figures.NetTotal, now));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO quote_version (quote_number, version, customer_name, list_total, net_total, deepest_discount, valid_until, rep_level, tier,
                                       verification_code, document_sha256, created_by, created_at)
            VALUES (@number, @version, @CustomerName, @ListTotal, @NetTotal, @DeepestDiscount, @until::date, @RepLevel, @tier, @code, @hash, @actor, @now)
            """,
            new
            {
                number, version, opportunity.CustomerName, figures.ListTotal, figures.NetTotal, figures.DeepestDiscount, until = until.ToDateTime(TimeOnly.MinValue),
                opportunity.RepLevel, tier = QuoteTierRule.Code(tier), code = QuoteSeal.Code(settings.VerificationKey, number, version, content),
                hash = QuoteSeal.DocumentHash(content), actor, now,
            },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO quote_line (quote_number, version, line_no, item_code, item_name, quantity, list_price, discount_percent, unit_cost, net_amount)
            VALUES (@number, @version, @LineNo, @ItemCode, @ItemName, @Quantity, @ListPrice, @DiscountPercent, @UnitCost, @NetAmount)
            """,
            figures.Lines.Select(l => new { number, version, l.LineNo, l.ItemCode, l.ItemName, l.Quantity, l.ListPrice, l.DiscountPercent, l.UnitCost, l.NetAmount }),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new QuoteWritten((await reader.Find(number, version, cancellationToken))!);
    }

    private static async Task<QuoteVersionView?> Lock(NpgsqlConnection connection, NpgsqlTransaction transaction, string quoteNumber, int version, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT 1 FROM quote WHERE quote_number = @quoteNumber FOR UPDATE", new { quoteNumber }, transaction, cancellationToken: cancellationToken));
        return await QuoteReader.Read(connection, transaction, quoteNumber, version, cancellationToken);
    }

    /// <summary>Keeps a refused attempt (who, what, which rule) and logs it; nothing else changes.</summary>
    private async Task<QuoteResult> Refuse(QuoteVersionView? subject, string actor, string operation, QuoteRefused refused, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO quote_refusal (quote_number, version, actor, operation, rule, at) VALUES (@number, @version, @actor, @operation, @Rule, @now)",
            new { number = subject?.QuoteNumber, version = subject?.Version, actor, operation, refused.Rule, now = LedgerTime.Now(clock) },
            cancellationToken: cancellationToken));
        logger.LogWarning("Quote {Quote} version {Version}: {Operation} by {Actor} refused ({Rule}): {Reason}", subject?.QuoteNumber, subject?.Version, operation, actor, refused.Rule, refused.Reason);
        return new QuoteRefusedResult(refused);
    }
}

/// <summary>A line as asked for: the item (its name, list price and cost come from master data), quantity and discount percent.</summary>
public sealed record QuoteLineRequest(string ItemCode, int Quantity, decimal DiscountPercent);
