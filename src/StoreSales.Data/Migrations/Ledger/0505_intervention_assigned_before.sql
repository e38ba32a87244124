-- An alert escalated away from its assignee stays in their inbox (issue 14; docs/domain.md "Interventions", rule in
-- Domain/Interventions/InboxScope.HoldingOf): the alert keeps whom it was assigned to before each escalation, oldest
-- first. Alerts escalated before this migration take theirs from the escalation steps' notes, which the grain has always
-- written as "Escalated from {assignee} to {next}.".

ALTER TABLE intervention ADD COLUMN assigned_before text[] NOT NULL DEFAULT '{}';

UPDATE intervention i SET assigned_before = s.before
FROM (
    SELECT alert_id, array_agg(m[1] ORDER BY step) AS before
    FROM intervention_step, regexp_match(note, 'Escalated from (\S+) to ') AS m
    WHERE to_status = 'Escalated' AND m IS NOT NULL
    GROUP BY alert_id
) s
WHERE s.alert_id = i.alert_id;

CREATE INDEX intervention_assigned_before_idx ON intervention USING gin (assigned_before);
