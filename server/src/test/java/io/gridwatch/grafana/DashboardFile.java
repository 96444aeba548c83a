package io.gridwatch.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A dashboard JSON file: its panels (rows' nested and collapsed panels included), queries and variables. */
record DashboardFile(String file, JsonNode json) {

    @Override
    public String toString() {
        return file;
    }

    String uid() {
        return json.path("uid").asText();
    }

    String title() {
        return json.path("title").asText();
    }

    /** Every panel, depth first: a row's own panels (collapsed rows keep them in {@code panels}) after the row. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        collect(json.path("panels"), panels);
        return panels;
    }

    private static void collect(JsonNode list, List<JsonNode> into) {
        for (JsonNode panel : list) {
            into.add(panel);
            collect(panel.path("panels"), into);
        }
    }

    List<TemplateVariable> variables() {
        List<TemplateVariable> variables = new ArrayList<>();
        json.path("templating").path("list").forEach(v -> variables.add(TemplateVariable.of(v)));
        return variables;
    }

    /** The SQL of every panel target that has {@code rawSql}. */
    List<PanelQuery> panelQueries() {
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            String interval = panel.path("interval").asText("");
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("rawSql")) {
                    queries.add(new PanelQuery(file, panel.path("title").asText(), target.path("refId").asText(),
                            target.get("rawSql").asText(),
                            interval.isEmpty() ? null : GrafanaSql.parseInterval(interval)));
                }
            }
        }
        return queries;
    }

    /** The SQL of every query variable. */
    List<PanelQuery> variableQueries() {
        return variables().stream().filter(TemplateVariable::isSql)
                .map(v -> new PanelQuery(file, "variable $" + v.name(), "", v.query(), (Duration) null))
                .toList();
    }

    /** The PromQL of every panel target that has {@code expr}, with the panel title. */
    List<PanelQuery> promQueries() {
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new PanelQuery(file, panel.path("title").asText(), target.path("refId").asText(),
                            target.get("expr").asText(), null));
                }
            }
        }
        return queries;
    }

    /** The data source uids that panels, their targets and variables refer to (template references excluded). */
    Set<String> datasourceUids() {
        Set<String> uids = new LinkedHashSet<>();
        for (JsonNode panel : panels()) {
            addUid(panel.path("datasource"), uids);
            panel.path("targets").forEach(t -> addUid(t.path("datasource"), uids));
        }
        json.path("templating").path("list").forEach(v -> addUid(v.path("datasource"), uids));
        return uids;
    }

    private static void addUid(JsonNode datasource, Set<String> uids) {
        String uid = datasource.isTextual() ? datasource.asText() : datasource.path("uid").asText("");
        if (!uid.isEmpty() && !uid.startsWith("$") && !uid.startsWith("-- ")) {
            uids.add(uid);
        }
    }
}
