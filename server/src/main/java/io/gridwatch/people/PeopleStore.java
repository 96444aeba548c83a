package io.gridwatch.people;

import io.gridwatch.error.ClientError;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The roster and server settings in PostgreSQL (vertx-pg-client; never blocks). Thread-safe. */
public final class PeopleStore {

    private static final String UPSERT = """
            INSERT INTO people (username, name, role, unit, phone, password_hash)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (username) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, unit = EXCLUDED.unit,
                phone = EXCLUDED.phone, password_hash = EXCLUDED.password_hash, updated_at = now()""";
    private static final String INSERT_ALL = """
            INSERT INTO people (username, name, role, unit, phone, password_hash)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])""";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String TAKEN = "SELECT username FROM people WHERE username = ANY($1::text[]) ORDER BY username";
    private static final String FIND = "SELECT username, name, role, unit, phone, password_hash FROM people WHERE username = $1";
    private static final String POSTINGS = "SELECT username, role, unit FROM people WHERE NOT disabled";
    private static final String ACCOUNT = "SELECT username, name, role, unit, phone, password_hash, token_version, disabled "
            + "FROM people WHERE username = $1";
    /** Optimistic: the row must still be the one that was read (no other change in between). */
    private static final String UPDATE = """
            UPDATE people SET name = $3, role = $4, unit = $5, phone = $6, password_hash = $7
            WHERE username = $1 AND token_version = $2 RETURNING token_version""";
    private static final String DISABLE = "UPDATE people SET disabled = true WHERE username = $1 RETURNING token_version";
    private static final String TOKEN_VERSIONS = "SELECT username, token_version FROM people WHERE NOT disabled";
    private static final String REVISION = "SELECT revision FROM people_revision";
    private static final String SETTING_INSERT = "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING";
    private static final String SETTING_READ = "SELECT value FROM settings WHERE name = $1";

    private final Pool pool;

    public PeopleStore(Pool pool) {
        this.pool = pool;
    }

    /** Creates the person, or replaces everything about them (used to reset the bootstrap admin). */
    public Future<Void> upsert(Person person) {
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.of(person.username(), person.name(), person.role().id(), person.unit(), person.phone(),
                        person.passwordHash()))
                .mapEmpty();
    }

    /**
     * Adds people in one statement: all of them or none.
     *
     * @throws ClientError (in the future) 409 when a username is taken
     */
    public Future<Void> insertAll(List<Person> people) {
        Tuple columns = Tuple.of(
                people.stream().map(Person::username).toArray(String[]::new),
                people.stream().map(Person::name).toArray(String[]::new),
                people.stream().map(p -> p.role().id()).toArray(String[]::new),
                people.stream().map(Person::unit).toArray(String[]::new),
                people.stream().map(Person::phone).toArray(String[]::new),
                people.stream().map(Person::passwordHash).toArray(String[]::new));
        return pool.preparedQuery(INSERT_ALL).execute(columns).<Void>mapEmpty()
                .recover(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                        ? taken(columns.getArrayOfStrings(0)) : Future.failedFuture(failure));
    }

    /** A 409 naming the usernames that exist, in our words: the database's constraint text is not for clients. */
    private Future<Void> taken(String[] usernames) {
        return pool.preparedQuery(TAKEN).execute(Tuple.of(usernames)).compose(rows -> {
            List<String> taken = new ArrayList<>();
            rows.forEach(row -> taken.add(row.getString("username")));
            return Future.failedFuture(ClientError.conflict(taken.isEmpty() ? "a username is taken"
                    : "username " + String.join(", ", taken.stream().map(u -> "\"" + u + "\"").toList()) + " is taken"));
        });
    }

    public Future<Optional<Person>> find(String username) {
        return pool.preparedQuery(FIND).execute(Tuple.of(username))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(person(rows.iterator().next())));
    }

    /** The person with their token version and whether they are disabled; empty when there is nobody of that name. */
    public Future<Optional<Account>> account(String username) {
        return pool.preparedQuery(ACCOUNT).execute(Tuple.of(username)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Account(person(row), row.getInteger("token_version"), row.getBoolean("disabled")));
        });
    }

    /**
     * Replaces what can change about {@code account}'s person with {@code changed}; the database moves the token
     * version (see V16), which is returned.
     *
     * @throws ClientError (in the future) 409 when the person changed since {@code account} was read
     */
    public Future<Integer> update(Account account, Person changed) {
        return pool.preparedQuery(UPDATE).execute(Tuple.of(changed.username(), account.tokenVersion(), changed.name(),
                        changed.role().id(), changed.unit(), changed.phone(), changed.passwordHash()))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next().getInteger(0))
                        : Future.failedFuture(ClientError.conflict("\"" + changed.username()
                                + "\" was changed meanwhile; read it again and retry")));
    }

    /** Disables the person: no log-in, no alerts routed to them, their tokens revoked. Empty when nobody has the name. */
    public Future<Optional<Integer>> disable(String username) {
        return pool.preparedQuery(DISABLE).execute(Tuple.of(username)).map(rows -> rows.size() == 0
                ? Optional.<Integer>empty() : Optional.of(rows.iterator().next().getInteger(0)));
    }

    /** Every person who may log in, with the version their tokens must carry. */
    public Future<Map<String, Integer>> tokenVersions() {
        return pool.query(TOKEN_VERSIONS).execute().map(rows -> {
            Map<String, Integer> versions = new HashMap<>(rows.size() * 2);
            rows.forEach(row -> versions.put(row.getString(0), row.getInteger(1)));
            return versions;
        });
    }

    /** A number that moves on every change to the people table (V16's trigger). */
    public Future<Long> revision() {
        return pool.query(REVISION).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** Who answers for which unit: every enabled person's username, role and unit (no names, phones or hashes). */
    public Future<List<Posting>> postings() {
        return pool.query(POSTINGS).execute().map(rows -> {
            List<Posting> postings = new ArrayList<>(rows.size());
            rows.forEach(row -> postings.add(new Posting(row.getString("username"),
                    Role.fromId(row.getString("role")).orElseThrow(), row.getString("unit"))));
            return postings;
        });
    }

    /**
     * The setting's value; when it has none yet, {@code initial} is stored first. Safe when several
     * nodes start at once: the first insert wins and everyone reads it.
     */
    public Future<String> setting(String name, Supplier<String> initial) {
        return pool.preparedQuery(SETTING_INSERT).execute(Tuple.of(name, initial.get()))
                .compose(ignored -> pool.preparedQuery(SETTING_READ).execute(Tuple.of(name)))
                .map(rows -> rows.iterator().next().getString("value"));
    }

    private static Person person(Row row) {
        return new Person(row.getString("username"), row.getString("name"),
                Role.fromId(row.getString("role")).orElseThrow(), row.getString("unit"), row.getString("phone"),
                row.getString("password_hash"));
    }
}
