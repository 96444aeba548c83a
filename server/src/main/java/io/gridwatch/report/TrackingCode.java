package io.gridwatch.report;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Tracking codes: what a resident keeps to follow a report, and the only key to its status. Twelve
 * characters of Crockford's base32 (no I, L, O, U: nothing to misread on a phone), 60 random bits,
 * so that codes cannot be guessed or enumerated. Thread-safe.
 */
public final class TrackingCode {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 12;
    private static final Pattern FORMAT = Pattern.compile("[0-9A-HJKMNP-TV-Z]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingCode() {
    }

    public static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    /** Whether {@code text} could be a tracking code (checked before any look-up). */
    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }
}
