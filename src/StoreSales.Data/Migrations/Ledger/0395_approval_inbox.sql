-- The approvals inbox (issue 9; docs/domain.md "Approvals"): an open inbox hears of every request filed, decided in part,
-- decided or withdrawn the moment its transaction commits, whichever process filed it (a command-center endpoint, a
-- grain in the silo) and whether it used ApprovalBook.File or FileIn inside its own transaction. PostgreSQL delivers a
-- NOTIFY only at commit, and never for a rolled-back one, so an inbox never shows a request that does not exist.
-- The payload carries what decides who may hear it (roles, region, team, requester), nothing of the summary.

ALTER TABLE approval_request ADD COLUMN overdue_raised_at timestamptz;  -- when the approval-overdue intervention was raised (once per request)

CREATE FUNCTION approval_request_notify(changed_id bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('approval_changed', json_build_object(
        'approvalId', r.approval_id, 'kind', r.kind, 'status', r.status, 'requiredRoles', r.required_roles,
        'regionId', r.region_id, 'departmentId', r.department_id, 'requestedBy', r.requested_by)::text)
    FROM approval_request r WHERE r.approval_id = changed_id;
END $$;

CREATE FUNCTION approval_request_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM approval_request_notify(NEW.approval_id);
    RETURN NULL;
END $$;

-- Filed, decided, withdrawn; a decision of one role (the request waits for fewer roles: that role's inboxes drop it).
CREATE TRIGGER approval_request_filed_or_decided AFTER INSERT OR UPDATE OF status ON approval_request
    FOR EACH ROW EXECUTE FUNCTION approval_request_changed();
CREATE TRIGGER approval_decision_kept AFTER INSERT ON approval_decision
    FOR EACH ROW EXECUTE FUNCTION approval_request_changed();

CREATE INDEX approval_request_overdue_unraised_idx ON approval_request (due_at) WHERE status = 'pending' AND overdue_raised_at IS NULL;
CREATE INDEX approval_request_requested_by_idx ON approval_request (requested_by, approval_id DESC);
CREATE INDEX approval_request_customer_idx ON approval_request (customer_id, approval_id DESC) WHERE customer_id IS NOT NULL;
