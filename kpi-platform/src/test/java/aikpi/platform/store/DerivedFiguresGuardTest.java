package aikpi.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.vocabulary.reporting.ReportingZone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    private UncleanStop database(boolean crashed) throws IOException {
        String url = "jdbc:h2:file:" + dir.resolve("svc") + ";MODE=PostgreSQL";
        if (crashed) {
            Files.createFile(UncleanStop.markOf(url).orElseThrow());
        }
        return new UncleanStop(url);
    }

    private void start(boolean crashed, DerivedFigures... figures) throws IOException {
        new DerivedFiguresGuard(List.of(figures), SHANGHAI, database(crashed)).onApplicationEvent(null);
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
    }
}
