package aikpi.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.vocabulary.reporting.ReportingZone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerivedFiguresGuardTest {

    private static final ReportingZone SHANGHAI = new ReportingZone(ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path dir;

    private final List<String> recuts = new ArrayList<>();

    private DerivedFigures byDay(String name, String cutIn) {
        return DerivedFigures.cutIntoDays(name, () -> Optional.ofNullable(cutIn), zone -> {
            recuts.add(name + "@" + zone.getId());
            return "from its rows";
        });
    }

    private DerivedFigures byBusinessDate(String name) {
        return DerivedFigures.keyedByBusinessDates(name, () -> {
            recuts.add(name);
            return "from its rows";
        });
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("svc") + ";MODE=PostgreSQL";
    }

    private UncleanStop database(boolean crashed) throws IOException {
        String url = url();
        if (crashed) {
            Files.createFile(UncleanStop.markOf(url).orElseThrow());
        }
        return new UncleanStop(url);
    }

    private final FiguresReadiness readiness = new FiguresReadiness();
    private UncleanStop stop;

    private DerivedFiguresGuard guard(boolean crashed, Duration wait, DerivedFigures... figures) throws IOException {
        stop = database(crashed);
        DerivedFiguresGuard guard = new DerivedFiguresGuard(List.of(figures), SHANGHAI, stop, readiness,
                Optional.empty(), wait);
        guard.onApplicationEvent(null);
        return guard;
    }

    private void start(boolean crashed, DerivedFigures... figures) throws IOException {
        assertThat(guard(crashed, Duration.ofSeconds(10), figures).awaitDone(Duration.ZERO)).isTrue();
        assertThat(readiness.ready()).isTrue();
    }

    @Test
    void aCleanStartInTheSameZoneTrustsEveryFigure() throws IOException {
        start(false, byDay("rollups", "Asia/Shanghai"), byBusinessDate("counts"));
        assertThat(recuts).isEmpty();
    }

    @Test
    void figuresCutInAnotherZoneOrNeverBuiltAreRecutInTheReportingZone() throws IOException {
        start(false, byDay("rollups", "UTC"), byDay("aggregates", null), byBusinessDate("counts"));
        assertThat(recuts).containsExactly("rollups@Asia/Shanghai", "aggregates@Asia/Shanghai");
    }

    @Test
    void afterAnUncleanStopEveryFigureIsRecut() throws IOException {
        start(true, byDay("rollups", "Asia/Shanghai"), byBusinessDate("counts"));
        assertThat(recuts).containsExactly("rollups@Asia/Shanghai", "counts");
        stop.closed();
        assertThat(new UncleanStop(url()).previousRunCrashed()).as("a recut start removes the mark when it closes")
                .isFalse();
    }

    @Test
    void aLongRecutGoesOnAfterStartUpWhileTheServiceIsNotReady() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DerivedFigures slow = DerivedFigures.keyedByBusinessDates("ledger rollup", () -> {
            await(release);
            return "from its rows";
        });
        DerivedFiguresGuard guard = guard(true, Duration.ofMillis(50), slow);

        assertThat(readiness.phase()).isEqualTo(FiguresReadiness.Phase.RECUTTING);
        assertThat(readiness.reason()).hasValueSatisfying(why -> assertThat(why).contains("ledger rollup"));
        assertThatThrownBy(readiness::requireWritable).isInstanceOf(FiguresNotReadyException.class);

        release.countDown();
        assertThat(guard.awaitDone(Duration.ofSeconds(10))).isTrue();
        assertThat(readiness.ready()).isTrue();
        readiness.requireWritable();
    }

    @Test
    void aRecutThatFailsSaysWhyLeavesTheServiceNotReadyAndIsNotTriedAgain() throws Exception {
        int[] attempts = {0};
        DerivedFigures failing = DerivedFigures.keyedByBusinessDates("ledger rollup", () -> {
            attempts[0]++;
            throw new OutOfMemoryError("Java heap space");
        });
        UncleanStop stop = database(true);
        DerivedFiguresGuard guard = new DerivedFiguresGuard(List.of(failing), SHANGHAI, stop, readiness,
                Optional.empty(), Duration.ofSeconds(10));
        guard.onApplicationEvent(null);

        assertThat(guard.awaitDone(Duration.ZERO)).isTrue();
        assertThat(readiness.phase()).isEqualTo(FiguresReadiness.Phase.FAILED);
        assertThat(readiness.reason()).hasValueSatisfying(why -> assertThat(why)
                .contains("ledger rollup").contains("OutOfMemoryError"));
        Thread.sleep(200);
        assertThat(attempts[0]).as("never retried in a loop").isEqualTo(1);

        stop.closed();
        assertThat(new UncleanStop(url()).previousRunCrashed()).as("the next start recuts again").isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
