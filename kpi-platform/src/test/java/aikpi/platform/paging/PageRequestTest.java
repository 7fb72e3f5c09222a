package aikpi.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.vocabulary.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void aPageOfTheFetchedRowsEndsWithTheCursorOfItsLastItem() {
        PageRequest first = PageRequest.of("customers", 1, "2", null);
        assertThat(first.fetchSize()).isEqualTo(3);

        Page<String> page = first.page(List.of("a", "b", "c"), List::of);

        assertThat(page.items()).containsExactly("a", "b");
        PageRequest second = PageRequest.of("customers", 1, "2", page.nextCursor());
        assertThat(second.after(0, "")).isEqualTo("b");
        assertThat(second.page(List.of("c"), List::of).nextCursor()).isNull();
    }

    @Test
    void aKeyOfSeveralPartsAndAnyTextSurvivesTheCursor() {
        String cursor = PageRequest.encode("imports", List.of("2026-12-06T10:00:00.123456Z", "id.with/odd+chars·中"));

        PageRequest read = PageRequest.of("imports", 2, null, cursor);

        assertThat(read.after(0, "")).isEqualTo("2026-12-06T10:00:00.123456Z");
        assertThat(read.after(1, "")).isEqualTo("id.with/odd+chars·中");
        assertThat(read.limit()).isEqualTo(PageRequest.DEFAULT_LIMIT);
    }

    @Test
    void aLimitOutsideOneToAThousandIsRefused() {
        assertThat(PageRequest.of("apps", 1, "1000", null).limit()).isEqualTo(1000);
        for (String bad : List.of("1001", "0", "-1", "ten", "1e3", "99999999999")) {
            assertThatThrownBy(() -> PageRequest.of("apps", 1, bad, null)).as(bad)
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("limit");
        }
    }

    @Test
    void aCursorOfAnotherListOrTamperedWithIsRefused() {
        String apps = PageRequest.encode("apps", List.of("quark"));
        for (String bad : List.of("x", "1.YXBwcw", apps + ".eA", "2" + apps.substring(1), "1.YXBwcw.!!",
                "1.YXBwcw.wK8", "1.YXBwcw.AA", PageRequest.encode("features", List.of("quark")))) {
            assertThatThrownBy(() -> PageRequest.of("apps", 1, null, bad)).as(bad)
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cursor");
        }
    }
}
