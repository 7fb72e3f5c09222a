package aikpi.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncleanStopTest {

    @TempDir
    Path dir;

    private String url(String name) {
        return "jdbc:h2:file:" + dir.resolve(name) + ";MODE=PostgreSQL;WRITE_DELAY=0";
    }

    @Test
    void aCleanStopIsNotACrash() {
        UncleanStop first = new UncleanStop(url("quark"));
        assertThat(first.previousRunCrashed()).isFalse();
        assertThat(dir.resolve("quark.running")).exists();

        first.closed();

        assertThat(dir.resolve("quark.running")).doesNotExist();
        assertThat(new UncleanStop(url("quark")).previousRunCrashed()).isFalse();
    }

    @Test
    void aRunThatNeverShutDownIsACrashUntilAStartShutsDownCleanly() {
        new UncleanStop(url("tongyi"));

        UncleanStop afterCrash = new UncleanStop(url("tongyi"));
        assertThat(afterCrash.previousRunCrashed()).isTrue();
        assertThat(new UncleanStop(url("tongyi")).previousRunCrashed())
                .as("a start that crashed again, perhaps while recutting, leaves the mark")
                .isTrue();

        UncleanStop recut = new UncleanStop(url("tongyi"));
        recut.figuresRecut();
        recut.closed();
        assertThat(new UncleanStop(url("tongyi")).previousRunCrashed()).isFalse();
    }

    @Test
    void aCleanStopBeforeTheRecutEndedLeavesTheMark() {
        new UncleanStop(url("billing"));

        UncleanStop afterCrash = new UncleanStop(url("billing"));
        afterCrash.closed();

        assertThat(new UncleanStop(url("billing")).previousRunCrashed())
                .as("the figures were never recut: the next start must recut them")
                .isTrue();
    }

    @Test
    void onlyEmbeddedH2FilesAreMarked() {
        assertThat(UncleanStop.h2FileDatabase("jdbc:h2:file:./data/quark;MODE=PostgreSQL"))
                .contains(Path.of("./data/quark"));
        assertThat(UncleanStop.h2FileDatabase("jdbc:h2:./data/billing")).contains(Path.of("./data/billing"));
        assertThat(UncleanStop.h2FileDatabase("jdbc:h2:~/kpi;WRITE_DELAY=0"))
                .contains(Path.of(System.getProperty("user.home") + "/kpi"));
        assertThat(UncleanStop.h2FileDatabase("jdbc:h2:mem:quark-1;DB_CLOSE_DELAY=-1")).isEqualTo(Optional.empty());
        assertThat(UncleanStop.h2FileDatabase("jdbc:h2:tcp://db:9092/kpi")).isEmpty();
        assertThat(UncleanStop.h2FileDatabase("jdbc:postgresql://127.0.0.1:5432/tongyi")).isEmpty();

        UncleanStop postgres = new UncleanStop("jdbc:postgresql://127.0.0.1:5432/tongyi");
        assertThat(postgres.previousRunCrashed()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
