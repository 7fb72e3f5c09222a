package aikpi.gateway;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import aikpi.gateway.sources.billing.Attribution;
import aikpi.gateway.sources.billing.BillingClient;
import aikpi.gateway.sources.quark.QuarkClient;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.sources.tongyi.TongyiClient;
import aikpi.gateway.sources.tongyi.TongyiKpis;
import aikpi.gateway.sources.tongyi.UsageSummary;
import io.micronaut.test.annotation.MockBean;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;

/**
 * The three source clients as Mockito doubles, for the gateway's HTTP tests: a test extends this and stubs the
 * injected clients. Micronaut Test gives each test method fresh doubles, and only to the tests that extend this.
 * Each double says every period is final, and that nothing changed since any data version, unless a test stubs
 * its completeness or its changes otherwise, each daily series is empty, no unit's tokens are priced and no MaaS line names a model.
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
        TongyiClient client = mock(TongyiClient.class);
        when(client.completeness(anyString())).thenAnswer(Figures.EVERY_PERIOD_FINAL);
        when(client.usageByDay(anyString())).thenAnswer(Figures.NO_DAYS_OF_TOKENS);
        when(client.resourceCostByDay(anyString())).thenAnswer(Figures.NO_DAYS_OF_RESOURCE_COST);
        when(client.unitCosts(anyString())).thenAnswer(Figures.NO_UNIT_COSTS);
        when(client.changes(anyString(), anyString(), any())).thenReturn(Figures.NO_CHANGES);
        return client;
    }

    @MockBean(QuarkClient.class)
    public QuarkClient quarkDouble() {
        QuarkClient client = mock(QuarkClient.class);
        when(client.completeness(anyString())).thenAnswer(Figures.EVERY_PERIOD_FINAL);
        when(client.dailySessions(anyString())).thenAnswer(Figures.NO_DAYS_OF_SESSIONS);
        when(client.changes(anyString(), anyString(), any())).thenReturn(Figures.NO_CHANGES);
        return client;
    }

    @MockBean(BillingClient.class)
    public BillingClient billingDouble() {
        BillingClient client = mock(BillingClient.class);
        when(client.completeness(anyString())).thenAnswer(Figures.EVERY_PERIOD_FINAL);
        when(client.maasRevenueByModel(anyString())).thenAnswer(Figures.NO_MODEL_REVENUE);
        when(client.dailyRevenue(anyString())).thenAnswer(Figures.NO_DAYS_OF_REVENUE);
        when(client.changes(anyString(), anyString(), any())).thenReturn(Figures.NO_CHANGES);
        return client;
    }

    /** Each source answers these figures for any period asked (a test stubs a period or a source again to differ). */
    protected void everyPeriodAnswers(TongyiKpis tongyi, UsageSummary tokens, QuarkKpis quark, Attribution billing) {
        when(tongyiClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(tongyi));
        when(tongyiClient.usageByBusinessUnit(anyString())).thenReturn(CompletableFuture.completedFuture(tokens));
        when(quarkClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(quark));
        when(billingClient.attribution(anyString())).thenReturn(CompletableFuture.completedFuture(billing));
    }
}
