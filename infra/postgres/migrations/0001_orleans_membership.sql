-- Orleans cluster membership (Microsoft.Orleans.Clustering.AdoNet, invariant "Npgsql").
--
-- The provider reads its statements from the table orleans_query at start-up and runs them with named parameters
-- (@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @SuspectTimes, @StartTime,
-- @IAmAliveTime, @Version); it reads result columns by name, case-insensitively. Those names and the meaning of each
-- statement are the contract (IMembershipTable, the extended membership protocol); the tables behind them are ours.
--
-- The version row of a deployment is the table's optimistic lock: a silo changes membership only if the version it
-- read is still current, and the change and the version bump happen together or not at all.

CREATE TABLE orleansquery (
    querykey  varchar(64)   NOT NULL PRIMARY KEY,
    querytext varchar(8000) NOT NULL
);

CREATE TABLE orleans_membership_version (
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    changed_at    timestamptz  NOT NULL DEFAULT now(),
    version       integer      NOT NULL DEFAULT 0
);

CREATE TABLE orleans_membership (
    deployment_id  varchar(150)  NOT NULL REFERENCES orleans_membership_version (deployment_id),
    address        varchar(45)   NOT NULL,
    port           integer       NOT NULL,
    generation     integer       NOT NULL,
    silo_name      varchar(150)  NOT NULL,
    host_name      varchar(150)  NOT NULL,
    status         integer       NOT NULL,
    proxy_port     integer,
    suspect_times  varchar(8000),
    start_time     timestamptz   NOT NULL,
    i_am_alive_at  timestamptz   NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Bumps the deployment's version if it is still expected_version; true when it was.
CREATE FUNCTION orleans_bump_membership_version(deployment varchar, expected_version integer) RETURNS boolean
LANGUAGE sql AS $$
    WITH bumped AS (
        UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = deployment AND version = expected_version
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM bumped);
$$;

-- A new silo row, written only together with the version bump; 1 when both happened, 0 (nothing changed) otherwise.
CREATE FUNCTION orleans_insert_member(
    deployment varchar, address_arg varchar, port_arg integer, generation_arg integer, silo_name_arg varchar,
    host_name_arg varchar, status_arg integer, proxy_port_arg integer, start_time_arg timestamptz,
    i_am_alive_arg timestamptz, expected_version integer) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                    start_time, i_am_alive_at)
    VALUES (deployment, address_arg, port_arg, generation_arg, silo_name_arg, host_name_arg, status_arg, proxy_port_arg,
            start_time_arg, i_am_alive_arg)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    IF NOT orleans_bump_membership_version(deployment, expected_version) THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'stale membership version';
    END IF;
    RETURN 1;
EXCEPTION WHEN SQLSTATE 'P0001' THEN
    RETURN 0; -- the block's changes (the insert) are rolled back
END;
$$;

-- A silo's status and suspicions, written only together with the version bump.
CREATE FUNCTION orleans_update_member(
    deployment varchar, address_arg varchar, port_arg integer, generation_arg integer, status_arg integer,
    suspect_times_arg varchar, i_am_alive_arg timestamptz, expected_version integer) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT orleans_bump_membership_version(deployment, expected_version) THEN
        RETURN 0;
    END IF;
    UPDATE orleans_membership
    SET status = status_arg, suspect_times = suspect_times_arg, i_am_alive_at = i_am_alive_arg
    WHERE deployment_id = deployment AND address = address_arg AND port = port_arg AND generation = generation_arg;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'no such silo';
    END IF;
    RETURN 1;
EXCEPTION WHEN SQLSTATE 'P0001' THEN
    RETURN 0;
END;
$$;

-- The deployment's version with its silos (one silo when address, port and generation are given, else all), in the
-- columns the provider reads; the version row comes back even when no silo matches.
CREATE FUNCTION orleans_members(deployment varchar, address_arg varchar, port_arg integer, generation_arg integer)
RETURNS TABLE (DeploymentId varchar, Address varchar, Port integer, Generation integer, SiloName varchar, HostName varchar,
               Status integer, ProxyPort integer, SuspectTimes varchar, StartTime timestamptz, IAmAliveTime timestamptz,
               Version integer)
LANGUAGE sql STABLE AS $$
    SELECT v.deployment_id, m.address, m.port, m.generation, m.silo_name, m.host_name, m.status, m.proxy_port,
           m.suspect_times, m.start_time, m.i_am_alive_at, v.version
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m
           ON m.deployment_id = v.deployment_id
          AND (address_arg IS NULL OR (m.address = address_arg AND m.port = port_arg AND m.generation = generation_arg))
    WHERE v.deployment_id = deployment;
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', '
    WITH added AS (
        INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::int FROM added;'),

('InsertMembershipKey', '
    SELECT orleans_insert_member(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
                                 @ProxyPort, @StartTime, @IAmAliveTime, @Version);'),

('UpdateMembershipKey', '
    SELECT orleans_update_member(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                 @IAmAliveTime, @Version);'),

('UpdateIAmAlivetimeKey', '
    UPDATE orleans_membership SET i_am_alive_at = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),

('MembershipReadRowKey', '
    SELECT * FROM orleans_members(@DeploymentId, @Address, @Port, @Generation);'),

('MembershipReadAllKey', '
    SELECT * FROM orleans_members(@DeploymentId, NULL, NULL, NULL);'),

('GatewaysQueryKey', '
    SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;'),

('DeleteMembershipTableEntriesKey', '
    DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;'),

('CleanupDefunctSiloEntriesKey', '
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND i_am_alive_at < @IAmAliveTime AND status <> 3;');
