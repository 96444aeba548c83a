package io.gridwatch.broker;

import io.gridwatch.config.BrokerConfig;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;

/**
 * The state of this node's link to the site's broker, as {@code /health} shows it. Written by the
 * {@link BrokerSubscriber}, read by any thread.
 */
public final class BrokerLink {

    /** Where the link stands. */
    public enum State { CONNECTING, CONNECTED, DOWN }

    private final BrokerConfig config;
    private final Clock clock;
    private volatile State state = State.CONNECTING;
    private volatile boolean subscribed;
    private volatile Instant since;
    private volatile String problem;

    public BrokerLink(BrokerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.since = clock.instant();
    }

    void connected() {
        move(State.CONNECTED, null);
    }

    void subscribed(boolean ok, String problem) {
        this.subscribed = ok;
        if (!ok) {
            this.problem = problem;
        }
    }

    void down(String problem) {
        subscribed = false;
        move(State.DOWN, problem);
    }

    private void move(State next, String why) {
        if (state != next) {
            since = clock.instant();
        }
        state = next;
        problem = why;
    }

    public State state() {
        return state;
    }

    /** Connected and subscribed: readings flow. */
    public boolean up() {
        return state == State.CONNECTED && subscribed;
    }

    /** {@code {"url","client_id","state","subscribed","since","problem"?}}; never a credential. */
    public JsonObject json() {
        JsonObject json = new JsonObject().put("url", config.address()).put("client_id", config.clientId())
                .put("state", state.name().toLowerCase(java.util.Locale.ROOT)).put("subscribed", subscribed)
                .put("since", since.toString());
        String why = problem;
        return why == null ? json : json.put("problem", why);
    }
}
