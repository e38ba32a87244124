-- Alerts pushed to WeCom, DingTalk or e-mail (issue 14; docs/domain.md "Notifications"). A person's choices, their mutes,
-- and the delivery outbox: one row per (alert, level, person, channel), written in the same transaction that journals
-- the alert opening or escalating, so an alert the inbox shows is never missing from the outbox and vice versa.

CREATE TABLE notification_person (
    person_id       text PRIMARY KEY,              -- the sign-in name
    culture         text NOT NULL,                 -- en or zh-CN: the language of their messages
    time_zone       text NOT NULL,                 -- IANA id, for quiet hours
    quiet_start     time,                          -- null (or equal to quiet_end): no quiet hours
    quiet_end       time,
    channels        text[] NOT NULL DEFAULT '{}',  -- wecom-robot, wecom-app, dingtalk-robot, email
    wecom_user_id   text,
    wecom_robot     text,                          -- the name of a configured WeCom group robot
    dingtalk_robot  text,                          -- the name of a configured DingTalk robot
    email           text,
    answers_for     text[] NOT NULL DEFAULT '{}',  -- the assignees of their scope when they last saved (hq, supervisor:east, ...)
    updated_at      timestamptz NOT NULL
);

CREATE INDEX notification_person_answers_for_idx ON notification_person USING gin (answers_for);

CREATE TABLE notification_mute (
    person_id  text NOT NULL REFERENCES notification_person (person_id) ON DELETE CASCADE,
    condition  text NOT NULL,
    until      timestamptz NOT NULL,
    PRIMARY KEY (person_id, condition)
);

-- One digest sent in place of many alerts (at most one per person, channel and digest window).
CREATE TABLE notification_digest (
    digest_id            bigserial PRIMARY KEY,
    person_id            text NOT NULL,
    channel              text NOT NULL,
    alert_count          integer NOT NULL,
    sent_at              timestamptz NOT NULL,
    provider_message_id  text
);

CREATE INDEX notification_digest_last_idx ON notification_digest (person_id, channel, sent_at DESC);

CREATE TABLE notification_delivery (
    delivery_id          bigserial PRIMARY KEY,
    idempotency_key      text NOT NULL UNIQUE,      -- {alert}/{level}/{person}/{channel}: sent to providers that take one
    alert_id             text NOT NULL REFERENCES intervention (alert_id),
    level                integer NOT NULL,
    assignee             text NOT NULL,
    person_id            text NOT NULL,
    channel              text NOT NULL,
    condition            text NOT NULL,
    state                text NOT NULL DEFAULT 'pending'
                         CHECK (state IN ('pending', 'retrying', 'sent', 'failed', 'muted', 'digested')),
    attempts             integer NOT NULL DEFAULT 0,
    next_try_at          timestamptz NOT NULL,
    created_at           timestamptz NOT NULL,
    sent_at              timestamptz,
    provider_message_id  text,
    last_error           text,
    digest_id            bigint REFERENCES notification_digest (digest_id)
);

CREATE INDEX notification_delivery_due_idx ON notification_delivery (next_try_at) WHERE state IN ('pending', 'retrying');
CREATE INDEX notification_delivery_person_idx ON notification_delivery (person_id, channel, created_at);
CREATE INDEX notification_delivery_recent_idx ON notification_delivery (delivery_id DESC);

-- Dispatchers LISTEN here: a notice at every commit that queued deliveries wakes them at once (PostgreSQL delivers
-- it only at commit, never for a rolled-back transaction).
CREATE FUNCTION notification_delivery_queued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM queued) THEN  -- an INSERT ... ON CONFLICT DO NOTHING that queued nothing wakes nobody
        PERFORM pg_notify('notification_due', '');
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER notification_delivery_queued AFTER INSERT ON notification_delivery
    REFERENCING NEW TABLE AS queued FOR EACH STATEMENT EXECUTE FUNCTION notification_delivery_queued();
