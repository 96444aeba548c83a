package io.gridwatch.casework;

import io.gridwatch.department.Departments;

/** What the HTTP routes and the websocket need of departments and cases. Immutable. */
public record Casework(CaseService cases, CaseViews views, Departments departments, HandlingPhotos photos,
        CaseStats stats) {
}
