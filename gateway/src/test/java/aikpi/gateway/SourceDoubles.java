package aikpi.gateway;

import static org.mockito.Mockito.mock;

import aikpi.gateway.sources.billing.BillingClient;
import aikpi.gateway.sources.quark.QuarkClient;
import aikpi.gateway.sources.tongyi.TongyiClient;
import io.micronaut.test.annotation.MockBean;
import jakarta.inject.Inject;

/**
 * The three source clients as Mockito doubles, for the gateway's HTTP tests: a test extends this and stubs the
 * injected clients. Micronaut Test gives each test method fresh doubles, and only to the tests that extend this.
 */
public abstract class SourceDoubles {

    @Inject
    protected TongyiClient tongyiClient;

    @Inject
    protected QuarkClient quarkClient;

    @Inject
    protected BillingClient billingClient;

    @MockBean(TongyiClient.class)
    public TongyiClient tongyiDouble() {
        return mock(TongyiClient.class);
    }

    @MockBean(QuarkClient.class)
    public QuarkClient quarkDouble() {
        return mock(QuarkClient.class);
    }

    @MockBean(BillingClient.class)
    public BillingClient billingDouble() {
        return mock(BillingClient.class);
    }
}
