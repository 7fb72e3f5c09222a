package aikpi.vocabulary;

import java.util.regex.Pattern;

/**
 * Ids shared across the suite (business units, customers, models, apps) are lower-case slugs such as {@code taobao},
 * {@code tongyi-app} or {@code qwen3-235b-a22b}: the same string in every service, so the gateway can join on it.
 */
public final class Slug {

    public static final String REGEX = "[a-z0-9][a-z0-9.\\-]{0,63}";
    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private Slug() {
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    /** Answers {@code value} if it is a slug; otherwise a 400 naming the field and the rule. */
    public static String require(String field, String value) {
        if (!isValid(value)) {
            throw new InvalidRequestException(field + " '" + value + "' is not a valid id: use a lower-case slug of at most "
                    + "64 characters (letters a-z, digits, '-' and '.'), such as 'qwen3-235b-a22b' or 'tongyi-app'.");
        }
        return value;
    }
}
