-- Grain state (PostgresGrainStorage): one JSON document per state name and grain, with an integer etag.
-- A write names the etag it read; a row whose etag moved on is not touched and the writer is told so.

CREATE TABLE grain_state (
    state_name text        NOT NULL,
    grain_id   text        NOT NULL,
    payload    json        NOT NULL, -- json, not jsonb: kept verbatim, and \u0000 in a text stays storable
    etag       bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (state_name, grain_id)
);
