package io.gridwatch.geo.generate;

import io.gridwatch.geo.model.GridException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ids and Chinese names of generated units. The district is Guangming (光明区, 440311); its
 * subdistricts take the real names and statistical division codes of the National Bureau of
 * Statistics of China, read from {@code guangming-subdistricts.csv} on the classpath; below them
 * ids extend the parent's: community {@code 440311001003}, sector {@code 440311001003-02}, cell
 * {@code 440311001003-02-05}. Names read as a Chinese operator expects, each carrying its parent's
 * name: 光明街道, 光明街道第3社区, 光明街道第3社区第2小分格, 光明街道第3社区第2小分格第5网格.
 * Immutable and thread-safe.
 */
final class UnitNames {

    static final String DISTRICT_ID = "440311";
    static final String DISTRICT_NAME = "光明区";
    private static final String RESOURCE = "guangming-subdistricts.csv";

    /** The six real subdistricts, in code order. */
    private static final List<Subdistrict> REAL = load();

    private UnitNames() {
    }

    /** A subdistrict's id and name. */
    record Subdistrict(String code, String name) {
    }

    /**
     * The {@code index}-th subdistrict (from 0): a real one while they last, then made-up ones that
     * continue the numbering (第7街道, code 440311007, …), which only test-sized counts reach.
     */
    static Subdistrict subdistrict(int index) {
        if (index < REAL.size()) {
            return REAL.get(index);
        }
        return new Subdistrict(DISTRICT_ID + number(index + 1, 3, "subdistrict"), "第" + (index + 1) + "街道");
    }

    static String communityId(String subdistrictId, int index) {
        return subdistrictId + number(index + 1, 3, "community");
    }

    static String communityName(String subdistrictName, int index) {
        return subdistrictName + "第" + (index + 1) + "社区";
    }

    static String sectorId(String communityId, int index) {
        return communityId + "-" + number(index + 1, 2, "sector");
    }

    static String sectorName(String communityName, int index) {
        return communityName + "第" + (index + 1) + "小分格";
    }

    static String cellId(String sectorId, int index) {
        return sectorId + "-" + number(index + 1, 2, "cell");
    }

    static String cellName(String sectorName, int index) {
        return sectorName + "第" + (index + 1) + "网格";
    }

    /** A zero-padded sequence number; a parent with more children than digits allow has no valid id. */
    private static String number(int n, int digits, String what) {
        String text = String.format(Locale.ROOT, "%0" + digits + "d", n);
        if (text.length() > digits) {
            throw new GridException("cannot number " + n + " " + what + "s under one parent with "
                    + digits + " digits; use fewer " + what + "s per parent");
        }
        return text;
    }

    private static List<Subdistrict> load() {
        try (InputStream in = UnitNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Subdistrict> rows = new ArrayList<>();
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false; // code,name,name_en
                    continue;
                }
                String[] fields = line.split(",");
                rows.add(new Subdistrict(fields[0].strip(), fields[1].strip()));
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
