package io.gridwatch.web;

import io.gridwatch.people.PersonRequest;
import io.gridwatch.people.Role;
import io.gridwatch.people.Roster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/people} (admin): one person or an array, all or nothing. */
final class PeopleRoutes {

    /** PBKDF2 takes about 0.1 s a password: a batch must finish well inside an HTTP timeout. */
    private static final int MAX_BATCH = 200;

    private final Roster roster;

    PeopleRoutes(Roster roster) {
        this.roster = roster;
    }

    void mount(Router router) {
        router.post("/api/people").handler(this::add);
    }

    private void add(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN);
        Bodies.Items<PersonRequest> request = Bodies.items(ctx, MAX_BATCH, "person", PersonRequest::parse);
        roster.add(request.items()).onSuccess(people -> {
            JsonArray out = new JsonArray();
            people.forEach(p -> out.add(new JsonObject().put("username", p.username()).put("name", p.name())
                    .put("role", p.role().id()).put("unit", p.unit())));
            Bodies.created(ctx, request.single(), out);
        }).onFailure(ctx::fail);
    }
}
