package io.gridwatch.report;

import java.time.Instant;

/**
 * How a report arrived and what came with it besides the hazard. Immutable.
 *
 * @param channel {@code resident} (the page or the multipart API), {@code open311} or {@code incident}
 * @param apiKeyId the key that brought it (Open311 and incidents), else null
 * @param sourceSystem incidents: the handing-over system ("110", "12345"), else null
 * @param externalId incidents: that system's own id, else null
 * @param reportedAt incidents: when the caller reported it to that system, else null
 * @param mediaUrl Open311: the client's link to a photo, kept and never fetched, else null
 * @param contactPhone the resident's phone for the return visit, staff only, else null
 */
public record ReportOrigin(String channel, Long apiKeyId, String sourceSystem, String externalId,
        Instant reportedAt, String mediaUrl, String contactPhone) {

    public static final String RESIDENT = "resident";
    public static final String OPEN311 = "open311";
    public static final String INCIDENT = "incident";

    public static ReportOrigin resident(String contactPhone) {
        return new ReportOrigin(RESIDENT, null, null, null, null, null, contactPhone);
    }

    public static ReportOrigin open311(long apiKeyId, String mediaUrl, String contactPhone) {
        return new ReportOrigin(OPEN311, apiKeyId, null, null, null, mediaUrl, contactPhone);
    }

    public static ReportOrigin incident(long apiKeyId, String sourceSystem, String externalId, Instant reportedAt) {
        return new ReportOrigin(INCIDENT, apiKeyId, sourceSystem, externalId, reportedAt, null, null);
    }

    /** Incidents are one case each: another system has already decided they are distinct. */
    boolean merges() {
        return !INCIDENT.equals(channel);
    }
}
