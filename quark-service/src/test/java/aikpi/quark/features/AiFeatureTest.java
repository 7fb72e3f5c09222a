package aikpi.quark.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AiFeatureTest {

    @Test
    void aFeatureIsLiveFromItsLaunchDay() {
        AiFeature navAgent = new AiFeature(null, "amap", "nav-agent", "AI navigation agent", FeatureKind.AGENT,
                LocalDate.of(2025, 4, 18));
        assertThat(navAgent.liveOn(LocalDate.of(2025, 4, 17))).isFalse();
        assertThat(navAgent.liveOn(LocalDate.of(2025, 4, 18))).isTrue();
        assertThat(navAgent.liveOn(LocalDate.of(2025, 6, 30))).isTrue();
    }
}
