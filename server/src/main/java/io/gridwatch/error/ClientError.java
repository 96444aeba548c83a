package io.gridwatch.error;

/**
 * A request the caller got wrong (bad input, no log-in, no permission, a conflict), raised anywhere
 * and mapped once at the HTTP edge to its status and the JSON body
 * {@code {"error": code, "message": text}}. The status follows HTTP's 4xx meanings, which every
 * client understands. Cheap: no stack trace.
 */
public class ClientError extends RuntimeException {

    private final int status;
    private final String code;

    public ClientError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ClientError badRequest(String message) {
        return new ClientError(400, "bad_request", message);
    }

    public static ClientError unauthorized(String message) {
        return new ClientError(401, "unauthorized", message);
    }

    public static ClientError forbidden(String message) {
        return new ClientError(403, "forbidden", message);
    }

    public static ClientError notFound(String message) {
        return new ClientError(404, "not_found", message);
    }

    public static ClientError conflict(String message) {
        return new ClientError(409, "conflict", message);
    }

    public static ClientError unprocessable(String message) {
        return new ClientError(422, "unprocessable", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
