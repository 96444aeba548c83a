package io.gridwatch.web;

import io.gridwatch.alert.AlertQuery;
import io.gridwatch.dispatch.Caller;
import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.people.Role;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Set;

/** Who is calling: reads the role and unit from the verified JWT that the auth handler put on the context. */
public final class Access {

    private Access() {
    }

    public static Role role(RoutingContext ctx) {
        User user = ctx.user();
        if (user == null) {
            throw ClientError.unauthorized("log in first (Authorization: Bearer <token>)");
        }
        return Role.fromId(user.principal().getString("role", ""))
                .orElseThrow(() -> ClientError.unauthorized("the token carries no known role"));
    }

    /** The caller as the alert rules of access see them. */
    public static Caller caller(RoutingContext ctx) {
        role(ctx);
        return Caller.fromClaims(ctx.user().principal())
                .orElseThrow(() -> ClientError.unauthorized("the token lacks a username, role or unit"));
    }

    /**
     * The query narrowed to what the caller sees and, when {@code unitId} is given, to that unit.
     *
     * @throws ClientError 404 for a unit the grid does not have, 403 for one outside the caller's unit
     */
    public static AlertQuery scope(Caller caller, AlertQuery query, Grid grid, String unitId) {
        return caller.scope(query, grid, unitId).orElseThrow(() -> unitId != null && grid.unit(unitId).isEmpty()
                ? ClientError.notFound("no unit \"" + unitId + "\" in the grid")
                : ClientError.forbidden(unitId == null ? "your unit " + caller.unit() + " is not in the grid"
                        : "unit " + unitId + " is outside your unit " + caller.unit()));
    }

    /** @throws ClientError 403 unless the caller has one of {@code roles} */
    public static void require(RoutingContext ctx, Role... roles) {
        Role role = role(ctx);
        if (Arrays.stream(roles).noneMatch(r -> r == role)) {
            throw ClientError.forbidden("this needs the role " + String.join(" or ",
                    Arrays.stream(roles).map(Role::id).toList()) + "; you are " + role.id());
        }
    }

    /**
     * The cells the caller may see: null (everything) for the district, rescue teams and admins,
     * otherwise the cells at or below the caller's unit.
     */
    public static Set<String> cellsInScope(RoutingContext ctx, Grid grid) {
        if (role(ctx).seesEverything()) {
            return null;
        }
        return grid.cellsUnder(ctx.user().principal().getString("unit", ""));
    }
}
