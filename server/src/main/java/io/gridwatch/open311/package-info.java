/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): the report categories as services, reports as
 * service requests, their status ({@code open}/{@code closed}) read from the case. The HTTP shell is
 * {@code io.gridwatch.web.Open311Routes}.
 */
package io.gridwatch.open311;
