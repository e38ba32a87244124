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
