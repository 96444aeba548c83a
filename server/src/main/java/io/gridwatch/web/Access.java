package io.gridwatch.web;

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
        Role role = role(ctx);
        if (role == Role.DISTRICT || role == Role.RESCUE || role == Role.ADMIN) {
            return null;
        }
        return grid.cellsUnder(ctx.user().principal().getString("unit", ""));
    }
}
