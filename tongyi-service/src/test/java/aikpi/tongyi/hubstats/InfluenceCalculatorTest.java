package aikpi.tongyi.hubstats;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.tongyi.hubstats.InfluenceCalculator.PeriodInfluence;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfluenceCalculatorTest {

    private static HubSnapshot snap(String model, Platform p, String date, long downloads, long likes, long finetunes,
                                    long quantized) {
        return new HubSnapshot(null, model, p, LocalDate.parse(date), downloads, likes, finetunes, quantized, 0, 0);
    }

    @Test
    void gainIsLastSnapshotAtEndMinusLastSnapshotBeforeStart() {
        var atEnd = List.of(
                snap("qwen3", Platform.HUGGING_FACE, "2025-06-30", 1_500, 90, 40, 12),
                snap("qwen3", Platform.MODELSCOPE, "2025-06-15", 800, 30, 10, 5));
        var beforeStart = List.of(
                snap("qwen3", Platform.HUGGING_FACE, "2025-03-31", 1_000, 60, 25, 10));
        PeriodInfluence p = InfluenceCalculator.compute(atEnd, beforeStart);

        // Hugging Face gained 500 downloads; ModelScope had no snapshot before the start, so all 800 are new.
        assertThat(p.gained().downloads()).isEqualTo(1_300);
        assertThat(p.gained().likes()).isEqualTo(60);
        assertThat(p.gained().derivatives().finetune()).isEqualTo(25);
        assertThat(p.gained().derivatives().quantized()).isEqualTo(7);
        assertThat(p.gained().derivatives().total()).isEqualTo(32);
        assertThat(p.cumulative().downloads()).isEqualTo(2_300);
        assertThat(p.gainedByPlatform().get(Platform.HUGGING_FACE).downloads()).isEqualTo(500);
        assertThat(p.cumulativeByPlatform().get(Platform.MODELSCOPE).downloads()).isEqualTo(800);
    }

    @Test
    void aModelWithNoSnapshotInOrAfterThePeriodHoldsItsTotalAndGainsNothing() {
        // The last snapshot at or before the end is also the last before the start: nothing was gained.
        var s = snap("qwen2.5", Platform.HUGGING_FACE, "2025-01-10", 700, 7, 3, 1);
        PeriodInfluence p = InfluenceCalculator.compute(List.of(s), List.of(s));
        assertThat(p.gained().downloads()).isZero();
        assertThat(p.cumulative().downloads()).isEqualTo(700);
    }

    @Test
    void aHubCorrectingItsCounterDownShowsAsANegativeGain() {
        PeriodInfluence p = InfluenceCalculator.compute(
                List.of(snap("m", Platform.OTHER, "2025-02-01", 90, 0, 0, 0)),
                List.of(snap("m", Platform.OTHER, "2025-01-01", 100, 0, 0, 0)));
        assertThat(p.gained().downloads()).isEqualTo(-10);
    }

    @Test
    void noSnapshotsMeanNoInfluence() {
        PeriodInfluence p = InfluenceCalculator.compute(List.of(), List.of());
        assertThat(p.gained()).isEqualTo(Influence.NONE);
        assertThat(p.gainedByPlatform()).isEmpty();
    }
}
