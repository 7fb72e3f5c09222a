package aikpi.platform.paging;

import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list read by keyset: at most {@code limit} items after the key the cursor names, in the list's own
 * order. Every list endpoint of the suite takes {@code limit} (1..1,000, 1,000 by default, so a small list still
 * comes whole) and {@code cursor} (opaque, from the previous page's {@code Link: rel="next"}).
 *
 * <p>The cursor is the last item's sort key, base64url, named after its list so one list's cursor is refused by
 * another: a tampered or foreign cursor is a 400, never a silent restart from the top.
 */
public record PageRequest(String list, int limit, @Nullable List<String> after) {

    public static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_LIMIT = 1_000;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String VERSION = "1";

    /** Reads the query parameters of a list endpoint; {@code list} names the list (and the key its cursor carries). */
    public static PageRequest of(String list, int keyParts, @Nullable String limit, @Nullable String cursor) {
        return new PageRequest(list, limit(limit), cursor == null || cursor.isEmpty() ? null : decode(list, keyParts, cursor));
    }

    /** The first page of a list. */
    public static PageRequest first(String list, int limit) {
        return new PageRequest(list, limit, null);
    }

    private static int limit(@Nullable String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int value;
        try {
            value = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("limit must be a whole number from 1 to " + MAX_LIMIT + " (was '"
                    + abbreviate(limit) + "').");
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be from 1 to " + MAX_LIMIT + " (was " + value
                    + "); read a longer list page by page with the cursor of the Link: rel=\"next\" header.");
        }
        return value;
    }

    /** The key part {@code i} of the item the previous page ended with, or {@code first} on the first page. */
    public String after(int i, String first) {
        return after == null ? first : after.get(i);
    }

    /** The key part {@code i} read as an instant (a cursor whose part is not one is refused with 400). */
    public Instant instantAfter(int i) {
        try {
            return Instant.parse(after.get(i));
        } catch (java.time.format.DateTimeParseException e) {
            throw badCursor(list);
        }
    }

    public boolean isFirst() {
        return after == null;
    }

    /** How many rows to read: one more than the page holds, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    /** The page made of what was read ({@link #fetchSize()} rows at most, in the list's order). */
    public <T> Page<T> page(List<T> fetched, Function<T, List<String>> key) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new Page<>(items, encode(list, key.apply(items.get(limit - 1))));
    }

    static String encode(String list, List<String> key) {
        StringBuilder cursor = new StringBuilder(VERSION).append('.').append(ENCODER.encodeToString(bytes(list)));
        for (String part : key) {
            cursor.append('.').append(ENCODER.encodeToString(bytes(part)));
        }
        return cursor.toString();
    }

    private static List<String> decode(String list, int keyParts, String cursor) {
        String[] parts = cursor.split("\\.", -1);
        if (parts.length != keyParts + 2 || !VERSION.equals(parts[0])) {
            throw badCursor(list);
        }
        try {
            if (!list.equals(text(parts[1]))) {
                throw badCursor(list);
            }
            List<String> key = new ArrayList<>(keyParts);
            for (int i = 2; i < parts.length; i++) {
                key.add(text(parts[i]));
            }
            return List.copyOf(key);
        } catch (IllegalArgumentException e) {
            throw badCursor(list);
        }
    }

    private static String text(String base64) {
        byte[] raw = DECODER.decode(base64);
        String text = new String(raw, StandardCharsets.UTF_8);
        // Only valid UTF-8 without NUL: the key goes into a query, and PostgreSQL refuses a NUL in text.
        if (!java.util.Arrays.equals(bytes(text), raw) || text.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("not UTF-8 text");
        }
        return text;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static InvalidRequestException badCursor(String list) {
        return new InvalidRequestException("cursor is not one this service gave for the " + list
                + " list; start again without a cursor, or pass the cursor of the Link: rel=\"next\" header as sent.");
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
