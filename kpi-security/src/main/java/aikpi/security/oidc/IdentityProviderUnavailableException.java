package aikpi.security.oidc;

/**
 * The identity provider's discovery document or key set cannot be read, or is not to be trusted. Tokens are then
 * refused (401), never accepted unchecked.
 */
public class IdentityProviderUnavailableException extends RuntimeException {

    public IdentityProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
