namespace StoreSales.Data.Grading;

/// <summary>
/// The one statement that grades every customer for a date (docs/domain.md, "RFM grade" and "Customer health"), the
/// SQL twin of <c>RfmFigures.Of</c>, <c>RfmGrading.Grade</c>, <c>CustomerHealthScore.Score</c> and <c>HasDropped</c>.
/// The integration tests hold the two to the same answers.
/// </summary>
/// <remarks>
/// One pass per source table, each read once for the whole chain: the ledger's last two windows grouped by member code
/// (the current window's orders, amount and last order, and the previous window's amount, in one scan), the window's
/// interactions and leads grouped by customer, the previous run's scores by one index range of customer_grade. Then a
/// join on customer and one INSERT … SELECT. No per-customer round trip, no grain woken.
/// Window bounds are instants computed by <c>ChainCalendar.StartOf</c> in C# (so a daylight-saving day counts as the
/// Domain counts it); only recency converts a timestamp to a local date, once per customer, on the last order.
/// </remarks>
internal static class GradingStatement
{
    public const string Sql =
        """
        WITH bought AS (
            SELECT s.member_id,
                   count(*) FILTER (WHERE s.rung_up_at >= @windowFrom AND s.total > 0)              AS orders,
                   coalesce(sum(s.total) FILTER (WHERE s.rung_up_at >= @windowFrom), 0)             AS amount,
                   coalesce(sum(s.total) FILTER (WHERE s.rung_up_at < @windowFrom), 0)              AS previous_amount,
                   max(s.rung_up_at) FILTER (WHERE s.rung_up_at >= @windowFrom AND s.total > 0)     AS last_order_at
            FROM sale s
            WHERE s.member_id IS NOT NULL AND s.rung_up_at >= @previousFrom AND s.rung_up_at < @windowUntil
            GROUP BY s.member_id
        ),
        talked AS (
            SELECT i.customer_id, count(*) AS interactions
            FROM interaction i
            WHERE i.at >= @windowFrom AND i.at < @windowUntil AND i.kind = ANY(@kinds)
            GROUP BY i.customer_id
        ),
        answered AS (
            -- Lead assignment → first contact; a lead unanswered at the window's end counts what it has waited so far.
            SELECT l.customer_id, avg(least(coalesce(l.first_contact_at, @windowUntil), @windowUntil) - l.assigned_at) AS average_response
            FROM lead l
            WHERE l.assigned_at >= @windowFrom AND l.assigned_at < @windowUntil
            GROUP BY l.customer_id
        ),
        figures AS (
            SELECT c.customer_id, c.kind, c.owner_rep_id,
                   coalesce(b.orders, 0)::integer                                  AS orders,
                   coalesce(b.amount, 0)                                           AS amount,
                   coalesce(b.previous_amount, 0)                                  AS previous_amount,
                   (@gradedOn::date - (b.last_order_at AT TIME ZONE @zone)::date)  AS recency_days,
                   coalesce(t.interactions, 0)::integer                            AS interactions,
                   a.average_response,
                   p.score                                                          AS previous_score
            FROM customer c
            LEFT JOIN bought b ON b.member_id = c.member_code COLLATE "C"
            LEFT JOIN talked t ON t.customer_id = c.customer_id
            LEFT JOIN answered a ON a.customer_id = c.customer_id
            LEFT JOIN customer_grade p ON p.graded_on = @previousRun::date AND p.customer_id = c.customer_id
            WHERE c.merged_into IS NULL
        ),
        parts AS (
            SELECT f.*,
                   least(1, f.interactions::numeric / @fullMarks) AS frequency_part,
                   CASE WHEN f.average_response IS NULL OR f.average_response <= @goodResponse THEN 1
                        WHEN f.average_response >= @poorResponse THEN 0
                        ELSE extract(epoch FROM (@poorResponse - f.average_response)) / extract(epoch FROM (@poorResponse - @goodResponse))
                   END AS response_part,
                   CASE WHEN greatest(f.amount, 0) + greatest(f.previous_amount, 0) = 0 THEN 0.5
                        ELSE greatest(f.amount, 0) / (greatest(f.amount, 0) + greatest(f.previous_amount, 0))
                   END AS trend_part,
                   CASE WHEN f.kind = 'account' THEN
                            CASE WHEN f.recency_days <= @accountARecency AND f.orders >= @accountAOrders AND f.amount >= @accountAAmount THEN 'A'
                                 WHEN f.recency_days <= @accountBRecency AND f.orders >= @accountBOrders AND f.amount >= @accountBAmount THEN 'B'
                                 ELSE 'C' END
                        ELSE
                            CASE WHEN f.recency_days <= @memberARecency AND f.orders >= @memberAOrders AND f.amount >= @memberAAmount THEN 'A'
                                 WHEN f.recency_days <= @memberBRecency AND f.orders >= @memberBOrders AND f.amount >= @memberBAmount THEN 'B'
                                 ELSE 'C' END
                   END AS grade
            FROM figures f
        ),
        scored AS (
            -- round(numeric) rounds half away from zero, as MidpointRounding.AwayFromZero.
            SELECT p.*,
                   round(100 * (@frequencyWeight * p.frequency_part + @responseWeight * p.response_part + @trendWeight * p.trend_part)
                         / (@frequencyWeight + @responseWeight + @trendWeight))::smallint AS score
            FROM parts p
        ),
        written AS (
            INSERT INTO customer_grade (graded_on, customer_id, owner_rep_id, grade, score, previous_score, recency_days, orders,
                                        amount, previous_amount, interactions, average_response, health_dropped)
            SELECT @gradedOn::date, s.customer_id, s.owner_rep_id, s.grade, s.score, s.previous_score, s.recency_days, s.orders,
                   s.amount, s.previous_amount, s.interactions, s.average_response,
                   s.previous_score IS NOT NULL
                       AND ((s.previous_score >= @alertBelow AND s.score < @alertBelow)
                            OR (@alertOnDropOf > 0 AND s.previous_score - s.score >= @alertOnDropOf))
            FROM scored s
            ON CONFLICT (graded_on, customer_id) DO NOTHING
            RETURNING health_dropped
        )
        SELECT count(*)::integer AS customers, (count(*) FILTER (WHERE health_dropped))::integer AS drops FROM written
        """;
}
