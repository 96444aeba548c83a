package io.gridwatch.simulator.signal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real water-level time series, sorted by time, read as a function of seconds since its first sample
 * (linear between samples, played back and forth past the ends). The bundled one is Lake Constance at Lindau, one year of
 * 15-minute levels — Bayerisches Landesamt für Umwelt, www.gkd.bayern.de (CC BY 4.0); see
 * {@code lindau-water-level.README.md} beside it. Immutable once loaded; thread-safe.
 */
public final class WaterLevelSeries {

    private static final String LINDAU = "lindau-water-level.csv";
    private static final DateTimeFormatter WITH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static volatile WaterLevelSeries lindau;

    private final double[] seconds;
    private final double[] metres;
    private final double min;
    private final double max;

    WaterLevelSeries(double[] seconds, double[] metres) {
        if (seconds.length < 2 || seconds.length != metres.length) {
            throw new IllegalArgumentException("a series needs at least two samples");
        }
        this.seconds = seconds.clone();
        this.metres = metres.clone();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double m : metres) {
            lo = Math.min(lo, m);
            hi = Math.max(hi, m);
        }
        this.min = lo;
        this.max = hi;
    }

    /** The bundled Lindau series (read once, then shared). */
    public static WaterLevelSeries lindau() {
        WaterLevelSeries series = lindau;
        if (series == null) {
            try (InputStream in = WaterLevelSeries.class.getResourceAsStream(LINDAU)) {
                if (in == null) {
                    throw new IllegalStateException(LINDAU + " is missing from the class path");
                }
                series = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + LINDAU, e);
            }
            lindau = series;
        }
        return series;
    }

    /**
     * Reads {@code date,water_level_m_nhn,…} CSV (a header line; dates {@code yyyy-MM-dd HH:mm:ss} or, at
     * midnight, {@code yyyy-MM-dd}; quotes allowed) in any row order; rows without a level are skipped.
     */
    static WaterLevelSeries parse(InputStream csv) throws IOException {
        Map<Long, Double> byTime = new TreeMap<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        lines.readLine();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String[] fields = line.replace("\"", "").split(",");
            if (fields.length < 2 || fields[1].isBlank()) {
                continue;
            }
            String date = fields[0].trim();
            LocalDateTime time = LocalDateTime.parse(date.length() == 10 ? date + " 00:00:00" : date, WITH_TIME);
            byTime.put(time.toEpochSecond(ZoneOffset.UTC), Double.parseDouble(fields[1].trim()));
        }
        List<Long> times = new ArrayList<>(byTime.keySet());
        double[] seconds = new double[times.size()];
        double[] metres = new double[times.size()];
        for (int i = 0; i < times.size(); i++) {
            seconds[i] = times.get(i) - times.get(0);
            metres[i] = byTime.get(times.get(i));
        }
        return new WaterLevelSeries(seconds, metres);
    }

    /**
     * The level at {@code t} seconds after the first sample. Past the last sample the series plays backwards, then
     * forwards again (and so on), so that the level never jumps where the year's end meets its start.
     */
    public double at(double t) {
        double span = span();
        double cycle = ((t % (2 * span)) + 2 * span) % (2 * span);
        double into = cycle <= span ? cycle : 2 * span - cycle;
        int i = java.util.Arrays.binarySearch(seconds, into);
        if (i >= 0) {
            return metres[i];
        }
        int after = -i - 1;
        int before = after - 1;
        double share = (into - seconds[before]) / (seconds[after] - seconds[before]);
        return metres[before] + share * (metres[after] - metres[before]);
    }

    /** Seconds from the first sample to the last. */
    public double span() {
        return seconds[seconds.length - 1];
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public int size() {
        return seconds.length;
    }
}
