package io.gridwatch.outbox;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One message to put in the outbox. Immutable, except that {@code body} is a JSON object the caller should not
 * modify after handing it over.
 *
 * @param stream messages of one stream are delivered in the order they were enqueued, each only after the one before
 *     it was delivered (or given up): use one stream per case and receiver, e.g. {@link #stream(String, long, String)}
 * @param body the message in the {@code json} format (sent as is, and signed)
 * @param title a short title for group robots (DingTalk shows it in the chat list)
 * @param text the message as markdown for group robots, Chinese first with English
 */
public record Notification(String stream, NotifyTarget target, JsonObject body, String title, String text) {

    public Notification {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }

    /** The stream of one subject's messages to one receiver, e.g. {@code stream("department:fire", 42, url)}. */
    public static String stream(String receiver, long subject, String url) {
        return receiver + "|" + subject + "|" + url;
    }
}
