package io.gridwatch.report;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Severity;
import java.util.Optional;
import java.util.Set;

/**
 * What a resident may report, with its labels, the severity of the alert it raises and its hazard
 * family. The table is fixed and documented ({@code GET /api/reports/categories}):
 *
 * <pre>
 * id                 中文          English             severity  family
 * fire_hazard        火灾隐患      Fire hazard         critical  fire   (joins smoke- and heat-sensor alerts)
 * smoke              冒烟          Smoke               critical  fire   (joins smoke- and heat-sensor alerts)
 * flooding           积水/内涝     Flooding            major     water  (joins water-level alerts)
 * gas_leak           燃气泄漏      Gas leak            major     gas    (joins gas-detector alerts)
 * electrical_hazard  用电隐患      Electrical hazard   major     electrical
 * blocked_fire_exit  消防通道堵塞  Blocked fire exit   minor     fire_exit
 * structural_danger  结构安全隐患  Structural danger   minor     structure
 * other              其他          Other               minor     other
 * </pre>
 *
 * Immutable.
 */
public enum Category {
    FIRE_HAZARD("fire_hazard", "火灾隐患", "Fire hazard", Severity.CRITICAL, Family.FIRE),
    SMOKE("smoke", "冒烟", "Smoke", Severity.CRITICAL, Family.FIRE),
    FLOODING("flooding", "积水/内涝", "Flooding", Severity.MAJOR, Family.WATER),
    GAS_LEAK("gas_leak", "燃气泄漏", "Gas leak", Severity.MAJOR, Family.GAS),
    ELECTRICAL_HAZARD("electrical_hazard", "用电隐患", "Electrical hazard", Severity.MAJOR, Family.ELECTRICAL),
    BLOCKED_FIRE_EXIT("blocked_fire_exit", "消防通道堵塞", "Blocked fire exit", Severity.MINOR, Family.FIRE_EXIT),
    STRUCTURAL_DANGER("structural_danger", "结构安全隐患", "Structural danger", Severity.MINOR, Family.STRUCTURE),
    OTHER("other", "其他", "Other", Severity.MINOR, Family.OTHER);

    /**
     * Reports of one family are about the same hazard: they merge with each other, and with an open
     * sensor alert of the family's sensor kinds in the same cell.
     */
    public enum Family {
        FIRE(Set.of(AlertKind.SMOKE, AlertKind.HEAT)),
        WATER(Set.of(AlertKind.WATER_LEVEL)),
        GAS(Set.of(AlertKind.GAS)),
        ELECTRICAL(Set.of()),
        FIRE_EXIT(Set.of()),
        STRUCTURE(Set.of()),
        OTHER(Set.of());

        private final Set<AlertKind> sensorKinds;

        Family(Set<AlertKind> sensorKinds) {
            this.sensorKinds = sensorKinds;
        }

        /** The kinds of sensor alert a report of this family joins. */
        public Set<AlertKind> sensorKinds() {
            return sensorKinds;
        }

        /** The categories in this family. */
        public Set<Category> categories() {
            Set<Category> in = java.util.EnumSet.noneOf(Category.class);
            for (Category category : Category.values()) {
                if (category.family == this) {
                    in.add(category);
                }
            }
            return in;
        }
    }

    private final String id;
    private final String zh;
    private final String en;
    private final Severity severity;
    private final Family family;

    Category(String id, String zh, String en, Severity severity, Family family) {
        this.id = id;
        this.zh = zh;
        this.en = en;
        this.severity = severity;
        this.family = family;
    }

    /** The id in the API and the database. */
    public String id() {
        return id;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    public Severity severity() {
        return severity;
    }

    public Family family() {
        return family;
    }

    public static Optional<Category> fromId(String id) {
        for (Category category : values()) {
            if (category.id.equals(id)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
