package aikpi.gateway.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The name table beside the KPI definitions: every KPI the view emits has a Chinese and an English name. */
class KpiNamesTest {

    @Test
    void everyDefinitionHasAChineseAndAnEnglishNameThatIsNotItsId() {
        for (KpiDefinition d : KpiDefinition.values()) {
            Bilingual name = d.displayName();
            assertThat(name.zh()).as(d.id()).isNotBlank().isNotEqualTo(d.id());
            assertThat(name.en()).as(d.id()).isNotBlank().isNotEqualTo(d.id());
            // A Chinese name has Chinese in it (not the English one copied over).
            assertThat(name.zh()).as(d.id()).containsPattern("\\p{IsHan}");
            assertThat(name.en()).as(d.id()).doesNotContainPattern("\\p{IsHan}");
        }
    }

    @Test
    void theNamesAreTheOnesTheTableGives() {
        assertThat(KpiDefinition.MAU.displayName()).isEqualTo(new Bilingual("月活跃用户", "Monthly active users"));
        assertThat(KpiDefinition.AI_CASH_REVENUE.displayName()).isEqualTo(new Bilingual("AI 现金收入", "AI cash revenue"));
    }

    @Test
    void theTwoKpisBeingAddedAreNamedAlready() {
        Map<String, Bilingual> table = Bilingual.table(KpiDefinition.class, "KpiNames.properties");
        assertThat(table.get("cost-per-resolved-session").zh()).isEqualTo("每次解决会话成本");
        assertThat(table.get("margin-per-million-tokens").zh()).isEqualTo("每百万 token 毛利");
    }

    @Test
    void aTableWithAKeyInOneLanguageOnlyIsRefusedWhenRead() {
        assertThatThrownBy(() -> Bilingual.table(KpiNamesTest.class, "OneLanguage.properties"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ai-margin needs both .zh and .en");
    }

    @Test
    void everyVanityAlertHasBothTexts() {
        assertThat(VanityAlerts.TEXTS).containsOnlyKeys("downloads-up-derivatives-not", "downloads-up-active-customers-not",
                "ai-revenue-up-only-vouchers", "ai-users-up-lift-not", "turns-up-resolution-not", "sessions-up-conversion-not");
        VanityAlerts.TEXTS.forEach((id, text) -> assertThat(text.zh()).as(id).containsPattern("\\p{IsHan}"));
    }
}
