package aikpi.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A read-only {@code SERVICE} token, as the services mint for each other, for the harnesses that scrape
 * {@code /prometheus} (which only that role may read). Signed with the development run's signing secret, which
 * kpi-security publishes on purpose (worth nothing outside a development run), or with the secret the run was given.
 */
public final class ServiceBearer {

    /** kpi-security's {@code SecurityDefaults.DEVELOPMENT_SECRET} (the harnesses do not depend on kpi-security). */
    private static final String DEVELOPMENT_SECRET = "development-only-signing-secret-of-the-ai-kpi-suite-never-in-production";

    private ServiceBearer() {
    }

    /** An {@code Authorization} value for a development run (no {@code KPI_JWT_SECRET}), valid for ten minutes. */
    public static String development() {
        return signedWith(DEVELOPMENT_SECRET);
    }

    /** An {@code Authorization} value signed with {@code secret} (HS256), valid for ten minutes. */
    public static String signedWith(String secret) {
        long now = System.currentTimeMillis() / 1000;
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"reliability-harness\",\"roles\":[\"SERVICE\"],\"iat\":" + now
                + ",\"nbf\":" + now + ",\"exp\":" + (now + 600) + "}").getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = b64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
            return "Bearer " + header + "." + claims + "." + signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
