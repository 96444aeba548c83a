package io.gridwatch.metrics;

import io.vertx.core.json.JsonObject;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JDK Flight Recorder event per stage of an urgent reading's way to its alert (decoded, sent, committed, judged,
 * alert committed, published, frame written), so that a recording breaks the alarm latency into its stages
 * ({@code jfr print --events io.gridwatch.AlarmStage}). Costs nothing unless a recording is running.
 */
@Name("io.gridwatch.AlarmStage")
@Label("Alarm stage")
@Category("gridwatch")
@Description("An urgent reading reached a stage on its way to the alert")
@Enabled(true)
@StackTrace(false)
public final class AlarmStage extends Event {

    @Label("Device")
    String device;

    @Label("Stage")
    String stage;

    /** A websocket frame of a device's alert is being written (the last stage), when a recording wants it. */
    public static void frameWritten(String frame) {
        if (!new AlarmStage().isEnabled()) {
            return;
        }
        JsonObject alert = new JsonObject(frame).getJsonObject("alert");
        JsonObject source = alert == null ? null : alert.getJsonObject("source");
        if (source != null && source.getString("device") != null) {
            mark(source.getString("device"), "frame written");
        }
    }

    /** Records that {@code deviceId}'s urgent reading reached {@code stage}, when a recording wants it. */
    public static void mark(String deviceId, String stage) {
        AlarmStage event = new AlarmStage();
        if (event.isEnabled()) {
            event.device = deviceId;
            event.stage = stage;
            event.commit();
        }
    }
}
