-- Alerts reach the right people (issue 14; docs/domain.md "Notifications", "Who is told").
-- 1. Who answers for an alert's assignee is decided when the alert goes out, from the person's scope as it is then, not
--    from a copy taken when they last saved their notification settings: notification_person.answers_for goes.
-- 2. A person signed in by the chain's OpenID Connect provider has no account row to read their scope from later: their
--    scope as of their latest sign-in is kept in person_scope. An account's scope is read from the account itself.
-- 3. A delivery on a channel the chain has turned off is marked 'channel-off' instead of waiting silently.
-- 4. The inbox reads alerts by assignee (finance's, a rep's own) as well as by region.

ALTER TABLE notification_person DROP COLUMN answers_for;  -- its GIN index goes with it

CREATE TABLE person_scope (
    person_id     text PRIMARY KEY,                 -- the sign-in name (as notification_person.person_id)
    roles         text[] NOT NULL DEFAULT '{}',
    regions       text[] NOT NULL DEFAULT '{}',
    stores        text[] NOT NULL DEFAULT '{}',
    departments   text[] NOT NULL DEFAULT '{}',
    rep_id        text,
    signed_in_at  timestamptz NOT NULL
);

-- Everyone's scope as of now: an account's roles and scope claims (storesales:region, :store, :department, :rep) as the
-- account holds them (an administrator's change counts from the next alert, no re-save, no new sign-in); a person of
-- the chain's provider as of their latest sign-in. A name with an account is the account's: a provider's person of the
-- same name never widens it. A deleted account answers for nothing.
CREATE VIEW person_scope_now AS
SELECT u."UserName"::text AS person_id,
       ARRAY(SELECT r."Name"::text FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
             WHERE ur."UserId" = u."Id" AND r."Name" IS NOT NULL ORDER BY 1) AS roles,
       ARRAY(SELECT c."ClaimValue" FROM "AspNetUserClaims" c
             WHERE c."UserId" = u."Id" AND c."ClaimType" = 'storesales:region' AND c."ClaimValue" IS NOT NULL ORDER BY 1) AS regions,
       ARRAY(SELECT c."ClaimValue" FROM "AspNetUserClaims" c
             WHERE c."UserId" = u."Id" AND c."ClaimType" = 'storesales:store' AND c."ClaimValue" IS NOT NULL ORDER BY 1) AS stores,
       ARRAY(SELECT c."ClaimValue" FROM "AspNetUserClaims" c
             WHERE c."UserId" = u."Id" AND c."ClaimType" = 'storesales:department' AND c."ClaimValue" IS NOT NULL ORDER BY 1) AS departments,
       (SELECT min(c."ClaimValue") FROM "AspNetUserClaims" c
        WHERE c."UserId" = u."Id" AND c."ClaimType" = 'storesales:rep') AS rep_id
FROM "AspNetUsers" u
WHERE u."UserName" IS NOT NULL
UNION ALL
SELECT s.person_id, s.roles, s.regions, s.stores, s.departments, s.rep_id
FROM person_scope s
WHERE NOT EXISTS (SELECT 1 FROM "AspNetUsers" u WHERE u."UserName" = s.person_id);

ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_state_check;
ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_state_check
    CHECK (state IN ('pending', 'retrying', 'sent', 'failed', 'muted', 'digested', 'channel-off'));

CREATE INDEX intervention_assignee_idx ON intervention (assignee, raised_at DESC);
