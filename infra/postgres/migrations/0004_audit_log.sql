-- The audit log (PostgresAuditStore): who changed what, when, in which unit. Readable by the province; append-only:
-- the triggers below refuse every UPDATE and DELETE (and TRUNCATE), whoever runs them.

CREATE TABLE audit_log (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope         text        NOT NULL,   -- a province code, or 'national'
    at            timestamptz NOT NULL,
    actor         text        NOT NULL,
    action        text        NOT NULL,
    province_code text        NOT NULL,
    commune_code  text,
    target        text        NOT NULL,
    detail        text
);

CREATE INDEX audit_log_scope ON audit_log (scope, id);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
