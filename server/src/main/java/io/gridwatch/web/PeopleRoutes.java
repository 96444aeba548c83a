package io.gridwatch.web;

import io.gridwatch.error.ClientError;
import io.gridwatch.people.LoginService;
import io.gridwatch.people.Person;
import io.gridwatch.people.PersonChange;
import io.gridwatch.people.PersonRequest;
import io.gridwatch.people.Role;
import io.gridwatch.people.Roster;
import io.gridwatch.people.TokenVersions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * People management: {@code POST /api/people} (admin; one person or an array, all or nothing),
 * {@code PATCH /api/people/{username}} and {@code POST /api/people/{username}/disable} (admin), and
 * {@code POST /api/me/password} (anyone, for themself). Every change revokes the person's tokens issued
 * before it; this node's {@link TokenVersions} is refreshed before the answer, so the old token fails at once.
 */
final class PeopleRoutes {

    /** PBKDF2 takes about 0.1 s a password: a batch must finish well inside an HTTP timeout. */
    private static final int MAX_BATCH = 200;

    private final Roster roster;
    private final TokenVersions tokens;
    private final LoginService logins;

    PeopleRoutes(Roster roster, TokenVersions tokens, LoginService logins) {
        this.roster = roster;
        this.tokens = tokens;
        this.logins = logins;
    }

    void mount(Router router) {
        router.post("/api/people").handler(this::add);
        router.patch("/api/people/:username").handler(this::change);
        router.post("/api/people/:username/disable").handler(this::disable);
        router.post("/api/me/password").handler(this::ownPassword);
    }

    private void add(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN);
        Bodies.Items<PersonRequest> request = Bodies.items(ctx, MAX_BATCH, "person", PersonRequest::parse);
        // this node knows their token versions before anyone can log in with them
        roster.add(request.items()).compose(people -> tokens.changedHere().map(people)).onSuccess(people -> {
            JsonArray out = new JsonArray();
            people.forEach(p -> out.add(json(p)));
            Bodies.created(ctx, request.single(), out);
        }).onFailure(ctx::fail);
    }

    private void change(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN);
        PersonChange change = PersonChange.parse(Bodies.object(ctx));
        roster.change(ctx.pathParam("username"), change)
                .compose(person -> tokens.changedHere().map(person))
                .onSuccess(person -> Bodies.ok(ctx, json(person).put("phone", person.phone())))
                .onFailure(ctx::fail);
    }

    private void disable(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN);
        String username = ctx.pathParam("username");
        if (username.equals(Access.caller(ctx).username())) {
            throw ClientError.conflict("an admin may not disable themself");
        }
        roster.disable(username).compose(v -> tokens.changedHere())
                .onSuccess(v -> Bodies.ok(ctx, new JsonObject().put("username", username).put("disabled", true)))
                .onFailure(ctx::fail);
    }

    /** {@code {"current","password"}} → a fresh {@code {"token","role","unit"}}: the old token is revoked with the change. */
    private void ownPassword(RoutingContext ctx) {
        JsonObject body = Bodies.object(ctx);
        if (!(body.getValue("current") instanceof String current) || !(body.getValue("password") instanceof String next)
                || body.size() != 2) {
            throw ClientError.badRequest("send {\"current\": text, \"password\": text}");
        }
        PersonChange.parse(new JsonObject().put("password", next));
        roster.changeOwnPassword(Access.caller(ctx).username(), current, next)
                .compose(account -> tokens.changedHere().map(logins.session(account.person(), account.tokenVersion())))
                .onSuccess(session -> Bodies.ok(ctx, new JsonObject().put("token", session.token())
                        .put("role", session.role().id()).put("unit", session.unit())))
                .onFailure(ctx::fail);
    }

    private static JsonObject json(Person p) {
        return new JsonObject().put("username", p.username()).put("name", p.name()).put("role", p.role().id())
                .put("unit", p.unit());
    }
}
