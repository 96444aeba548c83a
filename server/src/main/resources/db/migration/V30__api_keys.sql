-- Keys for other systems (package io.gridwatch.keys, SQL in ApiKeySql): Open311 clients and the systems
-- that hand incidents over (110, the 12345 hotline). The key itself is shown once and stored only as a
-- salted hash; a revoked key stays as a row (reports and incidents name the key that brought them).
CREATE TABLE api_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- for incidents: the system the key speaks for, the "source" its incidents must carry
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    scopes      text[] NOT NULL CHECK (scopes <@ ARRAY['open311', 'incidents'] AND cardinality(scopes) >= 1),
    key_hash    text NOT NULL,
    -- where status changes go back to: {"url","format","secret"?} as a department's notify
    notify      jsonb,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
