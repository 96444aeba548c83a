/** Keys for other systems (Open311 clients, 110 and the 12345 hotline): issued, checked and revoked. */
package io.gridwatch.keys;
