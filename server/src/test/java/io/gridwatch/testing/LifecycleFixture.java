package io.gridwatch.testing;

import io.gridwatch.alert.AlertStore;
import io.gridwatch.dispatch.Addresses;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.dispatch.AlertPublisher;
import io.gridwatch.dispatch.Routing;
import io.gridwatch.dispatch.StaffDirectory;
import io.gridwatch.config.EscalateAfter;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.people.PeopleStore;
import io.gridwatch.people.Person;
import io.gridwatch.people.Role;
import io.gridwatch.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fresh database on the test JVM's shared PostgreSQL ({@link TestPostgres}) with the alert lifecycle wired as the server wires it (roster → routing → store → per-person
 * event-bus addresses), on a clock the test moves. Blocking helpers: call them from the test thread.
 */
public final class LifecycleFixture implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    public static final String COMMUNITY = "440311001001";

    public final Vertx vertx;
    public final TestPostgres.FreshDatabase postgres;
    public final Database database;
    public final PeopleStore people;
    public final StaffDirectory staff;
    public final MutableClock clock = new MutableClock(T0);

    private LifecycleFixture(Vertx vertx, TestPostgres.FreshDatabase postgres, Database database) {
        this.vertx = vertx;
        this.postgres = postgres;
        this.database = database;
        this.people = new PeopleStore(database.pool());
        this.staff = new StaffDirectory(people);
    }

    public static LifecycleFixture start(Vertx vertx) {
        TestPostgres.FreshDatabase postgres = TestPostgres.freshDatabase();
        return new LifecycleFixture(vertx, postgres, await(Database.start(vertx, postgres.config(), new Metrics())));
    }

    /** A lifecycle as one server node has it, over this database and event bus. */
    public AlertLifecycle lifecycle(EscalateAfter escalateAfter) {
        return new AlertLifecycle(new AlertStore(database.pool()), new Routing(staff::staffed), escalateAfter,
                new AlertPublisher(vertx.eventBus(), staff), clock);
    }

    /** Replaces the roster with these people and reloads the routing's view of it. */
    public void roster(Person... persons) {
        await(database.pool().query("TRUNCATE people, alerts, alert_events, reports, report_photos CASCADE").execute());
        await(Future.all(List.of(persons).stream().map(people::upsert).toList()));
        await(staff.reload());
    }

    public static Person person(String username, Role role, String unit) {
        return new Person(username, username, role, unit, null, "not-a-real-hash");
    }

    /** Cell {@code cell} of sector {@code sector} in {@link #COMMUNITY}. */
    public static GridPath cell(int sector, int cell) {
        String sectorId = sectorId(sector);
        return new GridPath("440311", "440311001", COMMUNITY, sectorId, sectorId + "-%02d".formatted(cell));
    }

    public static String sectorId(int sector) {
        return COMMUNITY + "-%02d".formatted(sector);
    }

    /** Records every frame sent to a person's address. */
    public Inbox inbox(String username) {
        Inbox inbox = new Inbox();
        inbox.consumer = vertx.eventBus().<String>consumer(Addresses.person(username),
                message -> inbox.frames.add(new JsonObject(message.body())));
        await(inbox.consumer.completion());
        return inbox;
    }

    public static final class Inbox implements AutoCloseable {
        public final List<JsonObject> frames = new CopyOnWriteArrayList<>();
        MessageConsumer<String> consumer;

        public List<String> events() {
            return frames.stream().map(f -> f.getString("event")).toList();
        }

        @Override
        public void close() {
            await(consumer.unregister());
        }
    }

    @Override
    public void close() {
        try {
            await(database.close());
        } finally {
            postgres.close();
        }
    }

    public static <T> T await(Future<T> future) {
        return io.gridwatch.testing.Await.await(future);
    }
}
