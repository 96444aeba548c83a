package io.gridwatch.people;

import io.gridwatch.device.SecretHasher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.Optional;

/**
 * Checks a username and password and issues a signed JWT carrying the role and unit. Password
 * hashes are checked on a worker thread (PBKDF2 is slow on purpose). Thread-safe.
 */
public final class LoginService {

    /** A log-in token lasts a working shift and a half. */
    public static final int TOKEN_MINUTES = 12 * 60;
    private final PasswordHashing passwords;
    private final PeopleStore people;
    private final JWTAuth jwt;
    /** Checked when the user does not exist, so that timing does not tell which usernames exist. */
    private final String dummyHash;

    private LoginService(PasswordHashing passwords, PeopleStore people, JWTAuth jwt, String dummyHash) {
        this.passwords = passwords;
        this.people = people;
        this.jwt = jwt;
        this.dummyHash = dummyHash;
    }

    /** Creates the service (hashing its decoy password on a worker thread). */
    public static Future<LoginService> create(PasswordHashing passwords, PeopleStore people, JWTAuth jwt) {
        return passwords.hash(SecretHasher.newToken())
                .map(dummy -> new LoginService(passwords, people, jwt, dummy));
    }

    /** The session for these credentials, empty when they are wrong or the person is disabled. */
    public Future<Optional<Session>> login(String username, String password) {
        return people.account(username).compose(found -> {
            String hash = found.map(a -> a.person().passwordHash()).orElse(dummyHash);
            return passwords.matches(hash, password).map(ok -> ok && found.isPresent() && !found.get().disabled()
                    ? Optional.of(session(found.get().person(), found.get().tokenVersion())) : Optional.<Session>empty());
        });
    }

    /** A fresh session for a person whose token version is now {@code tokenVersion} (after changing their password). */
    public Session session(Person person, int tokenVersion) {
        JsonObject claims = new JsonObject()
                .put("sub", person.username())
                .put("role", person.role().id())
                .put("unit", person.unit())
                // the person's token version: any later change to the person revokes this token (TokenVersions)
                .put("tv", tokenVersion);
        String token = jwt.generateToken(claims, new JWTOptions().setExpiresInMinutes(TOKEN_MINUTES));
        return new Session(token, person.role(), person.unit());
    }

    /** What a successful log-in returns. */
    public record Session(String token, Role role, String unit) {
    }
}
