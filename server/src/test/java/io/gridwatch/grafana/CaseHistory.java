package io.gridwatch.grafana;

import static io.gridwatch.grafana.DashboardFixture.await;

import io.vertx.sqlclient.Pool;

/**
 * Cases on top of {@link AlertHistory}'s alerts, for the departments dashboard: every smoke alert dispatched to the
 * fire brigade after its acknowledgement, accepted and handled within its due time; every water-level alert
 * dispatched to water affairs and returned. Written as rows (the lifecycle's own tests drive the steps).
 */
final class CaseHistory {

    private static final String DEPARTMENTS = """
            INSERT INTO departments (id, name, area) VALUES ('fire', '消防救援大队', $1), ('water', '水务局', $1)""";

    private static final String HANDLED = """
            INSERT INTO case_dispatches (alert_id, department_id, dispatched_by, dispatch_level, dispatched_at, due_at,
                accepted_at, accepted_by, handled_at, handled_by, handle_note)
            SELECT id, 'fire', 'worker', 'cell', acked_at + interval '30 seconds', acked_at + interval '2 hours',
                acked_at + interval '2 minutes', 'fire1', acked_at + interval '10 minutes', 'fire1', 'done'
            FROM alerts WHERE kind = 'smoke' AND acked_at IS NOT NULL""";

    private static final String RETURNED = """
            INSERT INTO case_dispatches (alert_id, department_id, dispatched_by, dispatch_level, dispatched_at, due_at,
                returned_at, return_reason)
            SELECT id, 'water', 'worker', 'cell', acked_at + interval '1 minute', acked_at + interval '1 day',
                acked_at + interval '5 minutes', 'not ours'
            FROM alerts WHERE kind = 'water_level' AND acked_at IS NOT NULL""";

    private CaseHistory() {
    }

    static void fill(Pool pool, String district) {
        await(pool.preparedQuery(DEPARTMENTS).execute(io.vertx.sqlclient.Tuple.of(district)));
        await(pool.query(HANDLED).execute());
        await(pool.query(RETURNED).execute());
    }
}
