package aikpi.vocabulary;

import java.nio.CharBuffer;

/**
 * The size of a number the suite reads, checked on its text before anything converts it: at most {@value #MAX_DIGITS}
 * digits and an exponent of at most ±{@value #MAX_EXPONENT}. Why: {@code 1e999999999} is eleven characters, and
 * Java's {@code BigDecimal} holds it cheaply, but writing it out ({@code toPlainString}), rounding it or turning it into
 * an integer builds a billion digits: seconds of CPU, then an {@code OutOfMemoryError}. No amount, count or share the
 * suite keeps comes near these bounds (a stored amount has 19 digits).
 */
public final class NumberText {

    public static final int MAX_DIGITS = 40;
    public static final int MAX_EXPONENT = 100;

    private NumberText() {
    }

    /**
     * Why {@code text} is too large a number, or null when it is within bounds or is no number at all (whether it is
     * one is the converter's to say). Reads the digits and the exponent as written; converts nothing.
     */
    public static String problem(CharSequence text) {
        if (text == null) {
            return null;
        }
        int length = text.length();
        int digits = 0;
        int i = 0;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == 'e' || c == 'E') {
                break;
            }
        }
        if (digits > MAX_DIGITS) {
            return "has " + digits + " digits; at most " + MAX_DIGITS + " are allowed";
        }
        if (i >= length) {
            return null;
        }
        // The exponent: its value, stopping as soon as it is out of bounds (it may be a billion digits long).
        long exponent = 0;
        for (int j = i + 1; j < length; j++) {
            char c = text.charAt(j);
            if (c >= '0' && c <= '9') {
                exponent = exponent * 10 + (c - '0');
                if (exponent > MAX_EXPONENT) {
                    return "has an exponent beyond ±" + MAX_EXPONENT + "; write it with at most " + MAX_DIGITS
                            + " digits and an exponent between -" + MAX_EXPONENT + " and " + MAX_EXPONENT;
                }
            }
        }
        return null;
    }

    public static String problem(char[] text, int offset, int length) {
        return problem(CharBuffer.wrap(text, offset, length));
    }

    /** Answers {@code text} if it is a number within bounds (or no number: the converter will say); otherwise a 400. */
    public static String require(String field, String text) {
        String problem = problem(text);
        if (problem != null) {
            throw new InvalidRequestException(field + " " + problem + ".");
        }
        return text;
    }
}
