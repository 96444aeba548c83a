package io.gridwatch.people;

import io.gridwatch.error.ClientError;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
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
    private static final String FIND = "SELECT username, name, role, unit, phone, password_hash FROM people WHERE username = $1";
    private static final String POSTINGS = "SELECT username, role, unit FROM people";
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
                .recover(failure -> Future.failedFuture(failure instanceof PgException pg
                        && UNIQUE_VIOLATION.equals(pg.getSqlState())
                        ? ClientError.conflict("a username is taken: " + pg.getDetail()) : failure));
    }

    public Future<Optional<Person>> find(String username) {
        return pool.preparedQuery(FIND).execute(Tuple.of(username))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(person(rows.iterator().next())));
    }

    /** Who answers for which unit: every person's username, role and unit (no names, phones or hashes). */
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
