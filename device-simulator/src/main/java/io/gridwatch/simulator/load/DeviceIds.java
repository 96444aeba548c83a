package io.gridwatch.simulator.load;

import java.util.ArrayList;
import java.util.List;

/** The ids of a load fleet: a prefix and a zero-padded number, {@code load-00000} … {@code load-00499}. */
public final class DeviceIds {

    private DeviceIds() {
    }

    /** The first {@code count} ids with {@code prefix}, in order. */
    public static List<String> of(String prefix, int count) {
        int width = Math.max(5, Integer.toString(Math.max(0, count - 1)).length());
        String format = "%s%0" + width + "d";
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(String.format(format, prefix, i));
        }
        return ids;
    }
}
