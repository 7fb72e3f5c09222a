package aikpi.security;

import aikpi.platform.warmup.WarmUpCredential;
import jakarta.inject.Singleton;

/** A service warms its own read paths up as another service reads them: with its service token ({@link Roles#SERVICE}). */
@Singleton
public class ServiceWarmUpCredential implements WarmUpCredential {

    private final ServiceCredential credential;

    public ServiceWarmUpCredential(ServiceCredential credential) {
        this.credential = credential;
    }

    @Override
    public String authorization() {
        return "Bearer " + credential.token();
    }
}
