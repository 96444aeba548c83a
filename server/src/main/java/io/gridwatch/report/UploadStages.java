package io.gridwatch.report;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A JDK Flight Recorder event per resident's upload, from its headers to its answer, with the time of each stage: the
 * body read (multipart, the photo written to the uploads directory), the checks (a worker thread's wait and
 * {@link ImageSanitizer#inspect}) and the report's commit (with its 2 MB photo), so that a recording breaks the
 * {@code 201}'s latency down ({@code bench/photo-profile.sh} prints the percentiles). Costs nothing unless a recording
 * is running. Used by one request at a time.
 */
@Name("io.gridwatch.ReportUpload")
@Label("Report upload")
@Category("gridwatch")
@Description("A resident's report with its photo, from the request's headers to the answer")
@Enabled(true)
@StackTrace(false)
public final class UploadStages extends Event {

    @Label("Body read")
    @Timespan
    long body;

    @Label("Checks")
    @Timespan
    long checks;

    @Label("Report committed")
    @Timespan
    long report;

    @Label("Status")
    int status;

    private transient long last;

    /** Starts timing when the request's headers are in (the event's start). */
    public static UploadStages start() {
        UploadStages stages = new UploadStages();
        stages.begin();
        stages.last = System.nanoTime();
        return stages;
    }

    private long lap() {
        long now = System.nanoTime();
        long since = now - last;
        last = now;
        return since;
    }

    public void bodyRead() {
        body = lap();
    }

    void checked() {
        checks = lap();
    }

    void reportCommitted() {
        report = lap();
    }

    /** The answer went out with {@code httpStatus}: the event is written, when a recording wants it. */
    public void answered(int httpStatus) {
        status = httpStatus;
        commit();
    }
}
