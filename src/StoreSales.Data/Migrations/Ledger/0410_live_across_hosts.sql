-- Live across command-center hosts (issue 9's gaps): an approval decided on one host changes pages open on every host.
-- The approval notice (0395) now also names the request's subject and customer, so that a host's open quote page (the
-- subject is "{number}/{version}"), order list and customer credit panel (an order-release's subject is the order id)
-- know the change is theirs and read again, whichever host or process decided it. Still nothing of the summary: who
-- may see the page is decided by the page's own scoped read, never by the notice.
CREATE OR REPLACE FUNCTION approval_request_notify(changed_id bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('approval_changed', json_build_object(
        'approvalId', r.approval_id, 'kind', r.kind, 'status', r.status, 'requiredRoles', r.required_roles,
        'regionId', r.region_id, 'departmentId', r.department_id, 'requestedBy', r.requested_by,
        'subjectId', r.subject_id, 'customerId', r.customer_id)::text)
    FROM approval_request r WHERE r.approval_id = changed_id;
END $$;

-- An approval-overdue intervention resolves itself when its request is decided or withdrawn (docs/domain.md "Approvals"):
-- the overdue check finds requests escalated and no longer pending, resolves their alert with an outcome naming the
-- decision, and keeps that it did, once per request.
ALTER TABLE approval_request ADD COLUMN overdue_resolved_at timestamptz;
CREATE INDEX approval_request_overdue_unresolved_idx ON approval_request (approval_id)
    WHERE overdue_raised_at IS NOT NULL AND overdue_resolved_at IS NULL;
