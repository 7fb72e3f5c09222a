package aikpi.vocabulary;

import java.nio.CharBuffer;

/**
 * The text the suite stores, in any field, id or name, whatever path it came by: valid Unicode (no unpaired UTF-16
 * surrogate) without control characters (Unicode category Cc) other than tab, line feed and carriage return.
 *
 * <p>Why: PostgreSQL stores neither U+0000 nor an unpaired surrogate (the first fails the statement, the second is
 * stored as {@code ?}, so two distinct ids become one), while H2 stores both; refusing them on the way in makes both
 * databases keep the same text. The other control characters (ESC, the C1 set, DEL...) mean nothing in an id or a
 * name a person reads, and in a log or a terminal they forge lines and colours; tab and the line breaks are text.
 */
public final class StoredText {

    private StoredText() {
    }

    /** Why {@code text[offset..offset+length)} is not storable text, or null when it is. */
    public static String problem(char[] text, int offset, int length) {
        return problem(CharBuffer.wrap(text, offset, length));
    }

    /** Why {@code text} is not storable text, or null when it is (null text included: absence is another rule's). */
    public static String problem(CharSequence text) {
        if (text == null) {
            return null;
        }
        int end = text.length();
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return "contains the control character " + codePoint(c) + " at position " + (i + 1)
                            + (c == 0 ? " (NUL)" : "");
                }
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains the unpaired surrogate " + codePoint(c) + " at position " + (i + 1)
                            + ", which is not a Unicode character";
                }
            }
        }
        return null;
    }

    public static boolean isStorable(String text) {
        return problem(text) == null;
    }

    /** Answers {@code text} if the suite can store it; otherwise a 400 naming the field. */
    public static String require(String field, String text) {
        String problem = problem(text);
        if (problem != null) {
            throw new InvalidRequestException(field + " " + problem + ". " + RULE);
        }
        return text;
    }

    /** The rule, as a refusal states it. */
    public static final String RULE = "Text may hold any Unicode character except U+0000 and the other control "
            + "characters (tab and line breaks excepted); an unpaired surrogate (\\ud800-\\udfff) is not a character.";

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
