package aikpi.quark.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;

class UserSketchesTest {

    @Test
    void smallSetsAreExactAndSurviveStorage() {
        HllSketch s = UserSketches.of(List.of("ann", "bob", "cat", "ann"));
        assertThat(UserSketches.estimate(s)).isEqualTo(3);
        assertThat(UserSketches.estimate(UserSketches.fromBytes(UserSketches.toBytes(s)))).isEqualTo(3);
    }

    @Test
    void mergingCountsAUserInSeveralSketchesOnce() {
        UserSketches.Merge merge = new UserSketches.Merge()
                .add(UserSketches.of(List.of("ann", "bob")))
                .add(UserSketches.toBytes(UserSketches.of(List.of("bob", "cat"))));
        assertThat(merge.estimate()).isEqualTo(3);
        assertThat(UserSketches.estimate(merge.result())).isEqualTo(3);
        assertThat(new UserSketches.Merge().estimate()).isZero();
    }

    @Test
    void aMillionUsersMergedFromDailySketchesAreWithinOnePercent() {
        // Ten "days" of 150,000 users each, overlapping: users 0..999,999 in total, each seen on one or two days.
        List<byte[]> days = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            HllSketch s = UserSketches.empty();
            for (int i = 0; i < 150_000; i++) {
                s.update("user-" + ((day * 100_000 + i) % 1_000_000));
            }
            days.add(UserSketches.toBytes(s));
        }
        UserSketches.Merge merge = new UserSketches.Merge();
        days.forEach(merge::add);
        double error = Math.abs(merge.estimate() - 1_000_000) / 1_000_000.0;
        assertThat(error).isLessThan(0.01);
        // The documented bound: 0.41% at one standard deviation for a merged sketch.
        assertThat(UserSketches.RELATIVE_STANDARD_ERROR).isBetween(0.004, 0.0042);
        // A dense bucket is stored in 64 KiB.
        assertThat(days.get(0).length).isLessThan(66_000);
    }

    @Test
    void aMergeIsAsPreciseAsItsCoarsestSketchAndNoCoarserThanQuarksOwn() {
        HllSketch fine = new HllSketch(21, org.apache.datasketches.hll.TgtHllType.HLL_4);
        HllSketch coarse = new HllSketch(12, org.apache.datasketches.hll.TgtHllType.HLL_8);
        for (int i = 0; i < 200_000; i++) {
            fine.update("user-" + i);
            coarse.update("user-" + (i + 100_000));
        }
        // A pipeline's lgK 21 keeps its precision when merged alone, or with others as fine.
        assertThat(new UserSketches.Merge().add(fine).add(fine).result().getLgConfigK()).isEqualTo(21);
        // Merged with a coarser one, the result is as coarse as that one, whichever comes first.
        assertThat(new UserSketches.Merge().add(fine).add(coarse).result().getLgConfigK()).isEqualTo(12);
        assertThat(new UserSketches.Merge().add(coarse).add(fine).result().getLgConfigK()).isEqualTo(12);
        // quark's own sketches merge at its lgK.
        assertThat(new UserSketches.Merge().add(UserSketches.of(List.of("ann"))).result().getLgConfigK())
                .isEqualTo(UserSketches.LG_K);
        assertThat(UserSketches.relativeStandardError(16)).isEqualByComparingTo("0.004058");
        assertThat(UserSketches.relativeStandardError(21)).isEqualByComparingTo("0.000717");
        assertThat(UserSketches.relativeStandardError(12)).isEqualByComparingTo("0.016187");
    }
}
