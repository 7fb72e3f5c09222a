package aikpi.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoredTextTest {

    @Test
    void anyUnicodeCharacterIsStorableTabsAndLineBreaksIncluded() {
        for (String text : new String[] {"", "qwen3-235b-a22b", "汉字 🚀", "a\tb\r\nc", "\u202ebidi\u202c", "\u00a0\ufeff",
            "x'); DROP TABLE usage_event; --", "\ud83d\ude80"}) {
            assertThat(StoredText.problem(text)).as(text).isNull();
        }
        assertThat(StoredText.problem((String) null)).isNull();
    }

    @Test
    void nulControlCharactersAndUnpairedSurrogatesAreNot() {
        assertThat(StoredText.problem("pg-s-\ud800")).isEqualTo("contains the unpaired surrogate U+D800 at position 6, "
                + "which is not a Unicode character");
        assertThat(StoredText.problem("pg-s-\udc00")).contains("U+DC00");
        assertThat(StoredText.problem("\udc00\ud800")).contains("U+DC00 at position 1");
        assertThat(StoredText.problem("a\ud83d")).contains("U+D83D at position 2");
        assertThat(StoredText.problem("id\u0000")).isEqualTo("contains the control character U+0000 at position 3 (NUL)");
        for (char c : new char[] {1, 7, 8, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f}) {
            assertThat(StoredText.problem("a" + c)).as("U+%04X", (int) c).startsWith("contains the control character");
        }
        assertThatThrownBy(() -> StoredText.require("eventId", "a\u0000")).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("eventId contains the control character U+0000");
    }
}
