package aikpi.gateway.sources;

/** The services the gateway reads; their ids name the HTTP client configuration ({@code micronaut.http.services.<id>}). */
public enum Source {
    TONGYI("tongyi-service"),
    QUARK("quark-service"),
    BILLING("cloud-billing-service");

    private final String serviceId;

    Source(String serviceId) {
        this.serviceId = serviceId;
    }

    public String serviceId() {
        return serviceId;
    }
}
