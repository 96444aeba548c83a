-- Revocable log-ins: every change to a person (name, phone, role, unit, password, disabled) bumps their
-- token_version, so tokens issued before it stop working; also for changes made straight in the database.
ALTER TABLE people
    ADD COLUMN token_version integer NOT NULL DEFAULT 0,
    ADD COLUMN disabled      boolean NOT NULL DEFAULT false;

CREATE FUNCTION people_revoke_tokens() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF ROW(NEW.name, NEW.phone, NEW.role, NEW.unit, NEW.password_hash, NEW.disabled)
            IS DISTINCT FROM ROW(OLD.name, OLD.phone, OLD.role, OLD.unit, OLD.password_hash, OLD.disabled) THEN
        NEW.token_version := OLD.token_version + 1;
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER people_revoke_tokens BEFORE UPDATE ON people
    FOR EACH ROW EXECUTE FUNCTION people_revoke_tokens();

-- One number that moves on any change to people: every node polls it (one tiny query a second) and
-- reloads its token versions only when it moved, so a change made on one node reaches all of them.
CREATE TABLE people_revision (
    id       boolean PRIMARY KEY DEFAULT true CHECK (id),
    revision bigint  NOT NULL
);
INSERT INTO people_revision VALUES (true, 0);

CREATE FUNCTION people_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE people_revision SET revision = revision + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER people_revision_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people
    FOR EACH STATEMENT EXECUTE FUNCTION people_revision_bump();
