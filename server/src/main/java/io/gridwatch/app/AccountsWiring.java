package io.gridwatch.app;

import io.gridwatch.cluster.Changes;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.department.Departments;
import io.gridwatch.device.SecretHasher;
import io.gridwatch.dispatch.StaffDirectory;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.people.LoginService;
import io.gridwatch.people.PasswordHashing;
import io.gridwatch.people.PeopleStore;
import io.gridwatch.people.Person;
import io.gridwatch.people.Role;
import io.gridwatch.people.Roster;
import io.gridwatch.people.TokenVersions;
import io.gridwatch.web.Services;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People and log-in at start-up, in two halves: {@link #begin} creates (or resets) the configured admin and reads
 * (or makes) the JWT secret at once; {@link #finish}, once the rest of the database is ready too, loads the roster and
 * the token versions and makes the log-in service.
 */
final class AccountsWiring {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsWiring.class);

    private final Vertx vertx;
    private final PeopleStore people;
    private final PasswordHashing passwords;
    private final StaffDirectory staff;
    private final Future<JWTAuth> jwt;
    private final Future<Void> admin;

    private AccountsWiring(Vertx vertx, GridwatchConfig config, Pool pool, GridLocator locator) {
        this.vertx = vertx;
        this.people = new PeopleStore(pool);
        this.passwords = new PasswordHashing(vertx);
        this.admin = bootstrapAdmin(config, locator);
        this.staff = new StaffDirectory(people);
        this.jwt = config.jwtSecret().map(Future::succeededFuture)
                .orElseGet(() -> people.setting("jwt_secret", SecretHasher::newToken))
                .map(secret -> JWTAuth.create(vertx, new JWTAuthOptions()
                        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))));
    }

    /** Starts the admin bootstrap and the JWT secret; {@link #begun()} says when both are done. */
    static AccountsWiring begin(Vertx vertx, GridwatchConfig config, Pool pool, GridLocator locator) {
        return new AccountsWiring(vertx, config, pool, locator);
    }

    Future<Void> begun() {
        return Future.all(admin, jwt).mapEmpty();
    }

    /** The roster in memory: who is staffed where, reloaded on every change to people. */
    StaffDirectory staff() {
        return staff;
    }

    /** After {@link #begun()}: the roster loaded, token versions followed (across nodes by {@code changes}), log-in. */
    Future<Services.Accounts> finish(GridLocator locator, Departments departments, Changes changes) {
        TokenVersions tokens = new TokenVersions(vertx, people, changes);
        Roster roster = new Roster(passwords, people, locator.grid(), staff::reload,
                id -> departments.store().find(id).map(Optional::isPresent));
        return staff.reload()
                .compose(ignored -> tokens.start())
                .compose(ignored -> LoginService.create(passwords, people, jwt.result()))
                .map(logins -> new Services.Accounts(jwt.result(), logins, roster, tokens));
    }

    private Future<Void> bootstrapAdmin(GridwatchConfig config, GridLocator locator) {
        if (config.adminPassword().isEmpty()) {
            return Future.succeededFuture();
        }
        String district = locator.grid().district().id();
        return passwords.hash(config.adminPassword().get())
                .compose(hash -> people.upsert(new Person("admin", "Administrator", Role.ADMIN, district, null, hash)))
                .onSuccess(v -> LOG.info("user admin created or reset with the configured password"));
    }
}
