package aikpi.feeds.days;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import aikpi.feeds.days.DaySketchUpload.DayFigures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A day's figures from its event lines, without quark (quark's DayApiTest sends them to the service). */
class DaySketchUploadTest {

    @Test
    void countsTheDayAndSketchesItsUsers() {
        DayFigures day = DaySketchUpload.figures(List.of("# a comment", "", "install,ann", "open,ann", "open,bob",
                "open,bob", "ai,ann,RESOLVED,3,1,5,true,12.50", "ai,bob,abandoned,1,0,,false,"), Set.of("bob"), 12,
                true);
        assertThat(day.installs()).isEqualTo(1);
        assertThat(day.opens()).isEqualTo(3);
        assertThat(day.sessions()).isEqualTo(2);
        assertThat(day.turns()).isEqualTo(4);
        assertThat(day.agentCalls()).isEqualTo(1);
        assertThat(day.resolved()).isEqualTo(1);
        assertThat(day.abandoned()).isEqualTo(1);
        assertThat(day.rated()).isEqualTo(1);
        assertThat(day.ratingSum()).isEqualTo(5);
        assertThat(day.converted()).isEqualTo(1);
        assertThat(day.conversionValueCny()).isEqualByComparingTo("12.50");
        assertThat(day.activeUsers().getEstimate()).isCloseTo(2.0, within(1e-6));
        assertThat(day.newUsers().getEstimate()).as("bob was seen before").isCloseTo(1.0, within(1e-6));
        assertThat(day.aiUsers().getEstimate()).isCloseTo(2.0, within(1e-6));
        assertThat(day.activeUsersTheta().getEstimate()).isCloseTo(2.0, within(1e-6));
        assertThat(day.json()).startsWith("{\"installs\":1,\"opens\":3,\"aiSessions\":{\"sessions\":2,")
                .contains("\"activeUsersTheta\":\"");
    }

    @Test
    void aBadLineIsNamedByItsNumber() {
        assertThatThrownBy(() -> DaySketchUpload.figures(List.of("open,ann", "click,ann"), Set.of(), 12, false))
                .hasMessageContaining("line 2").hasMessageContaining("unknown event click");
        assertThatThrownBy(() -> DaySketchUpload.figures(List.of("ai,ann,RESOLVED,1"), Set.of(), 12, false))
                .hasMessageContaining("line 1: an ai line has 8 fields");
        assertThatThrownBy(() -> DaySketchUpload.figures(List.of("open,"), Set.of(), 12, false))
                .hasMessageContaining("line 1: no user id");
    }
}
