package io.gridwatch.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a dashboard's {@code templating.list}, as far as the query tests need it.
 *
 * @param query the SQL of a {@code query} variable, the comma-separated values of a {@code custom} one
 * @param allValue the custom All value, or null when All means every option
 * @param current the values saved as current; {@code ["$__all"]} for All
 */
record TemplateVariable(String name, String type, String datasourceUid, String query, boolean multi,
        boolean includeAll, String allValue, List<String> current) {

    static final String ALL = "$__all";

    static TemplateVariable of(JsonNode json) {
        JsonNode query = json.path("query");
        String allValue = json.path("allValue").asText("");
        List<String> current = new ArrayList<>();
        JsonNode value = json.path("current").path("value");
        if (value.isArray()) {
            value.forEach(v -> current.add(v.asText()));
        } else if (!value.isMissingNode()) {
            current.add(value.asText());
        }
        return new TemplateVariable(json.path("name").asText(), json.path("type").asText(),
                json.path("datasource").path("uid").asText(null),
                query.isObject() ? query.path("rawSql").asText(query.path("query").asText()) : query.asText(),
                json.path("multi").asBoolean(), json.path("includeAll").asBoolean(),
                allValue.isEmpty() ? null : allValue, List.copyOf(current));
    }

    boolean isSql() {
        return type.equals("query");
    }

    /** The options of a {@code custom} variable: {@code a,b} or {@code text : value} pairs. */
    List<String> customValues() {
        List<String> values = new ArrayList<>();
        for (String option : query.split("(?<!\\\\),")) {
            String[] textValue = option.split(" : ", 2);
            values.add((textValue.length == 2 ? textValue[1] : option).strip());
        }
        return values;
    }

    boolean currentIsAll() {
        return current.contains(ALL);
    }
}
