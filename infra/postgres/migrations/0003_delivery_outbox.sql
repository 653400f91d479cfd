-- The delivery outbox (PostgresDeliveryOutbox): every message the platform sends, and what became of it.
-- The key (session, notice, recipient, channel) is unique, so planning a fan-out twice sends nothing twice.
-- A silo claims due messages with a lease (FOR UPDATE SKIP LOCKED): each timed message goes out from one silo only,
-- and what a dead silo held is taken again when its lease runs out.

CREATE TABLE delivery_outbox (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_key     text        NOT NULL,
    notice          text        NOT NULL,
    recipient_id    text        NOT NULL,
    channel         text        NOT NULL,
    due_at          timestamptz NOT NULL,
    address         text        NOT NULL,
    body            text        NOT NULL,
    subject         text,
    attachment      text,
    status          text        NOT NULL DEFAULT 'Pending',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz NOT NULL DEFAULT '-infinity',
    lease_owner     text,
    last_error      text,
    provider_id     text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- Session keys are "{communeCode}/{sessionId}": the province overview counts by commune.
    commune_code    text        GENERATED ALWAYS AS (split_part(session_key, '/', 1)) STORED,
    UNIQUE (session_key, notice, recipient_id, channel)
);

-- What the dispatchers look for: pending messages of a channel in due order.
CREATE INDEX delivery_outbox_due ON delivery_outbox (channel, next_attempt_at) WHERE status = 'Pending';

CREATE INDEX delivery_outbox_commune ON delivery_outbox (commune_code, updated_at);
