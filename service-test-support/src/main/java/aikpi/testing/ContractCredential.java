package aikpi.testing;

/**
 * How a pact states that a request carries its consumer's service credential: an {@code Authorization} header with
 * a bearer JWT (any, by this pattern). The provider's verification replaces it with a fresh token of the same role.
 */
public final class ContractCredential {

    public static final String HEADER = "Authorization";
    public static final String PATTERN = "Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+";
    /** The example written into the pact files: a fixed value, so a consumer run does not rewrite them. */
    public static final String EXAMPLE = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZXJ2aWNlIiwicm9sZXMiOlsiU0VSVklDRSJdfQ.c2VydmljZS1jcmVkZW50aWFs";

    private ContractCredential() {
    }
}
