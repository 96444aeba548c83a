package io.gridwatch.web;

import io.gridwatch.error.ClientError;

/**
 * What every string from outside (JSON bodies, form fields, path and query parameters) must be before
 * it goes anywhere: PostgreSQL text cannot hold NUL, a lone UTF-16 surrogate would be stored as
 * {@code ?}, and nothing a person types needs more than {@link #MAX_CHARS} characters. Checked once
 * here, at the edge, so that every route gets it without a per-field patch. Stateless.
 */
final class InputText {

    /** The cap on any one string; fields with a tighter meaning (names, notes) check their own. */
    static final int MAX_CHARS = 4_096;

    private InputText() {
    }

    /**
     * @param where names the field in the error ({@code "name"}, {@code "person 2: phone"}, {@code "query parameter to"})
     * @throws ClientError 400 naming the field when the text holds a NUL, a lone surrogate, or is too long
     */
    static String check(String where, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_CHARS) {
            throw ClientError.badRequest(where + " is longer than " + MAX_CHARS + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw ClientError.badRequest(where + " must not contain a NUL character (\\u0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ClientError.badRequest(where + " holds a lone UTF-16 surrogate (\\u" + Integer.toHexString(c)
                        + "), which is not a character");
            }
        }
        return value;
    }
}
