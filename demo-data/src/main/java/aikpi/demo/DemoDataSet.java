package aikpi.demo;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The demo data set: the real facts ({@link ArticleFacts}: from the article and from Alibaba Group's results for the
 * quarter ended 2024-12-31) and, around them, a SYNTHETIC data set generated
 * reproducibly from a seed for 2024-Q1..2025-Q4. Every synthetic record says so where the API has room for it
 * (names, sources). The synthetic part is shaped to tell the article's story: the Tongyi assistant's turns grow
 * while its resolution rate falls (a vanity alert fires), and the investees' cloud spending is mostly vouchers.
 */
public final class DemoDataSet {

    /**
     * One HTTP request of the load: a JSON body, or a text file sent as it is ({@code body} a {@code String} of
     * {@code contentType}, such as {@code text/csv}).
     */
    public record Request(String method, String path, Object body, int items, String contentType) {
        public Request(String method, String path, Object body, int items) {
            this(method, path, body, items, "application/json");
        }
    }

    /** The synthetic FOCUS billing export the demo imports (resource of this module; every row says it is synthetic). */
    static final String FOCUS_FILE = "/demo/focus-2025-11-synthetic.csv";

    /** A named part of the load, sent to one service. */
    public record Step(String service, String label, List<Request> requests) {
        public int items() {
            return requests.stream().mapToInt(Request::items).sum();
        }
    }

    public static final long DEFAULT_SEED = 20250507L;
    static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String SYNTHETIC = "synthetic demo figure";
    private static final int BATCH = 5_000;
    /** The daily aggregates draw from a generator of their own, so the rest of the set is what it was without them. */
    private static final long DAILY_AGGREGATES_SEED = 19;
    /** The close of FY2026-Q1 draws from a generator of its own too. */
    private static final long AFTER_THE_CLOSE_SEED = 23;

    private final long seed;
    private final SplittableRandom random;
    /** Tokens metered per customer per month, so that the ledger can bill what was metered. */
    private final Map<String, Long> meteredTokens = new HashMap<>();
    /** The same per model (customer/month to model to tokens), so that each MaaS line names the model it bills. */
    private final Map<String, Map<String, Long>> meteredByModel = new HashMap<>();
    /** Tokens metered per day and model, so that each day's inference cost is spread over the models served. */
    private final Map<LocalDate, Map<String, Long>> servedByDay = new HashMap<>();

    public DemoDataSet(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public List<Step> steps() {
        return steps(false);
    }

    /**
     * The load, then the close of FY2026-Q1 ({@link AfterTheClose}). {@code sealedAlready}: the quarter was sealed by
     * an earlier run, whose after-the-close data is stored: neither the seal nor the first version of the day sent
     * again is sent, so that a second run changes nothing.
     */
    public List<Step> steps(boolean sealedAlready) {
        return steps(sealedAlready, false);
    }

    /**
     * @param floorRaisedLater the Tongyi app's FY2026 AI-session target is set with its floor as first set, for
     *                         {@link DemoNotifications} to raise once the gateway's notification rules have seen it
     */
    public List<Step> steps(boolean sealedAlready, boolean floorRaisedLater) {
        List<Step> steps = new ArrayList<>();
        steps.add(models());
        steps.add(benchmarks());
        steps.add(namedCustomers());
        steps.add(bailianCustomers());
        steps.add(hubSnapshots());
        steps.add(usageEvents());
        steps.add(gpuResources());
        steps.add(apps());
        steps.add(features());
        QuarkActivity activity = new QuarkActivity(random.split());
        steps.add(batched("quark-service", "installs (synthetic)", "/api/v1/installs", notSegment(activity.installs())));
        steps.add(batched("quark-service", "app opens (synthetic)", "/api/v1/activity/events", notSegment(activity.opens())));
        steps.add(batched("quark-service", "AI sessions (synthetic)", "/api/v1/ai-sessions", notSegment(activity.sessions())));
        steps.add(segmentCalls(activity));
        QuarkDailyAggregates aggregates = new QuarkDailyAggregates(new SplittableRandom(seed + DAILY_AGGREGATES_SEED));
        steps.add(new Step("quark-service", "daily aggregates of " + QuarkDailyAggregates.APP + ", tens of millions of users "
                + "(synthetic)", aggregates.requests(sealedAlready ? AfterTheClose.RESENT_DAY : null)));
        steps.add(groupRevenue());
        steps.add(vouchers());
        steps.add(ledger());
        steps.add(FxRateSeries.step());
        steps.add(focusImport());
        AfterTheClose close = new AfterTheClose(new SplittableRandom(seed + AFTER_THE_CLOSE_SEED));
        steps.add(close.quarterExports());
        steps.add(targets(floorRaisedLater));
        if (!sealedAlready) {
            steps.add(AfterTheClose.seal());
        }
        steps.addAll(close.afterTheSeal(aggregates.day(AfterTheClose.RESENT_DAY)));
        return steps;
    }

    // ---- gateway -------------------------------------------------------------------------------------------

    private static Step targets(boolean floorRaisedLater) {
        List<Request> r = new ArrayList<>();
        DemoTargets.all(floorRaisedLater).forEach(t -> r.add(put(t.path(), t.body())));
        return new Step("gateway", "targets for FY2025 and FY2026 (synthetic)", r);
    }

    // ---- tongyi-service ------------------------------------------------------------------------------------

    private static Map<String, Object> model(String family, String vendor, String name, Object params, boolean open,
                                             String license, String released) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", family);
        m.put("vendor", vendor);
        m.put("displayName", name);
        m.put("parametersBillions", params);
        m.put("openSource", open);
        m.put("license", license);
        m.put("releaseDate", released);
        return m;
    }

    /** The model's public Hugging Face repository id, so that a listing the Hub answers finds it (hubIds). */
    private static Map<String, Object> onHuggingFace(Map<String, Object> model, String repository) {
        model.put("hubIds", Map.of("HUGGING_FACE", repository));
        return model;
    }

    /** Open Qwen models with hub counters; the first ones carry most of the community's derivatives. */
    static final List<String> OPEN_QWEN = List.of("qwen2.5-72b-instruct", "qwen2.5-7b-instruct", "qwen2.5-coder-32b",
            "qwen3-235b-a22b", "qwen3-30b-a3b", "qwen3-32b", "qwen3-8b");

    private Step models() {
        List<Request> r = new ArrayList<>();
        r.add(put("/api/v1/models/qwen2.5-72b-instruct", onHuggingFace(model("qwen2.5", "Alibaba", "Qwen2.5-72B-Instruct", 72, true, "Qwen", "2024-09-19"), "Qwen/Qwen2.5-72B-Instruct")));
        r.add(put("/api/v1/models/qwen2.5-7b-instruct", onHuggingFace(model("qwen2.5", "Alibaba", "Qwen2.5-7B-Instruct", 7, true, "Apache-2.0", "2024-09-19"), "Qwen/Qwen2.5-7B-Instruct")));
        r.add(put("/api/v1/models/qwen2.5-coder-32b", onHuggingFace(model("qwen2.5", "Alibaba", "Qwen2.5-Coder-32B", 32, true, "Apache-2.0", "2024-11-12"), "Qwen/Qwen2.5-Coder-32B")));
        r.add(put("/api/v1/models/qwen-max", model("qwen", "Alibaba", "Qwen-Max (served on Bailian)", null, false, null, "2024-09-19")));
        // The article: ten Tongyi models open-sourced in Q1 2025, none named; placeholders with synthetic dates.
        for (int i = 1; i <= ArticleFacts.OPEN_SOURCED_IN_2025_Q1; i++) {
            String day = LocalDate.of(2025, 1, 8).plusDays((i - 1) * 8L).toString();
            r.add(put(String.format("/api/v1/models/tongyi-open-2025q1-%02d", i), model("tongyi-2025q1", "Alibaba",
                    String.format("Tongyi open model %d of Q1 2025 (placeholder; release date synthetic)", i), null, true,
                    "Apache-2.0", day)));
        }
        // The Qwen3 series, open-sourced on 2025-04-29 (article); sizes from the series' names.
        r.add(put("/api/v1/models/qwen3-235b-a22b", onHuggingFace(model("qwen3", "Alibaba", "Qwen3-235B-A22B (flagship)", 235, true, "Apache-2.0", ArticleFacts.QWEN3_RELEASE), "Qwen/Qwen3-235B-A22B")));
        r.add(put("/api/v1/models/qwen3-30b-a3b", onHuggingFace(model("qwen3", "Alibaba", "Qwen3-30B-A3B", 30, true, "Apache-2.0", ArticleFacts.QWEN3_RELEASE), "Qwen/Qwen3-30B-A3B")));
        r.add(put("/api/v1/models/qwen3-32b", onHuggingFace(model("qwen3", "Alibaba", "Qwen3-32B", 32, true, "Apache-2.0", ArticleFacts.QWEN3_RELEASE), "Qwen/Qwen3-32B")));
        r.add(put("/api/v1/models/qwen3-8b", onHuggingFace(model("qwen3", "Alibaba", "Qwen3-8B", 8, true, "Apache-2.0", ArticleFacts.QWEN3_RELEASE), "Qwen/Qwen3-8B")));
        // Reference models of other vendors the article compares Qwen3 with.
        r.add(put("/api/v1/models/deepseek-r1", onHuggingFace(model("deepseek-r1", "DeepSeek", "DeepSeek-R1", 671, true, "MIT", "2025-01-20"), "deepseek-ai/DeepSeek-R1")));
        r.add(put("/api/v1/models/openai-o1", model("openai-o1", "OpenAI", "OpenAI o1", null, false, null, "2024-12-05")));
        r.add(put("/api/v1/models/openai-o3-mini", model("openai-o3", "OpenAI", "OpenAI o3-mini", null, false, null, "2025-01-31")));
        return new Step("tongyi-service", "models (article; Q1 2025 placeholders)", r);
    }

    private Step benchmarks() {
        // The article says only that Qwen3's flagship scored above the three; the scores themselves are synthetic.
        List<Map<String, Object>> items = new ArrayList<>();
        String[][] scores = {
                {"qwen3-235b-a22b", "95.6", "85.7"}, {"deepseek-r1", "93.2", "79.8"},
                {"openai-o1", "92.1", "74.3"}, {"openai-o3-mini", "89.0", "79.6"}};
        for (String[] s : scores) {
            items.add(Map.of("modelId", s[0], "benchmark", "arena-hard (synthetic scores)", "score", new BigDecimal(s[1]), "evaluatedOn", ArticleFacts.QWEN3_RELEASE));
            items.add(Map.of("modelId", s[0], "benchmark", "aime24 (synthetic scores)", "score", new BigDecimal(s[2]), "evaluatedOn", ArticleFacts.QWEN3_RELEASE));
        }
        return new Step("tongyi-service", "benchmark results (ordering from the article, scores synthetic)",
                List.of(new Request("POST", "/api/v1/benchmarks", items, items.size())));
    }

    static final List<String> BUSINESS_UNITS = List.of("taobao", "tmall", "quark", "tongyi-app", "amap", "fliggy", "eleme");
    static final int EXTERNAL_CUSTOMERS = 40;

    private static Map<String, Object> customer(String id, String name, String kind, String unit, String onboarded) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("customerId", id);
        c.put("name", name);
        c.put("kind", kind);
        c.put("businessUnit", unit);
        c.put("onboardedOn", onboarded);
        return c;
    }

    /** Customers that meter usage: the business units, the investees and synthetic external companies. */
    static List<String[]> usageCustomers() {
        List<String[]> list = new ArrayList<>();
        BUSINESS_UNITS.forEach(bu -> list.add(new String[] {bu, "INTERNAL"}));
        ArticleFacts.INVESTEES.forEach(i -> list.add(new String[] {i[0], "INVESTEE"}));
        for (int i = 1; i <= EXTERNAL_CUSTOMERS; i++) {
            list.add(new String[] {String.format("ext-%03d", i), "EXTERNAL"});
        }
        return list;
    }

    private Step namedCustomers() {
        List<Map<String, Object>> items = new ArrayList<>();
        BUSINESS_UNITS.forEach(bu -> items.add(customer(bu, bu + " (business unit)", "INTERNAL", bu, "2023-10-01")));
        ArticleFacts.INVESTEES.forEach(i -> items.add(customer(i[0], i[1], "INVESTEE", null, "2023-11-01")));
        for (int i = 1; i <= EXTERNAL_CUSTOMERS; i++) {
            items.add(customer(String.format("ext-%03d", i), String.format("Enterprise %03d (synthetic)", i), "EXTERNAL", null,
                    FIRST_DAY.plusDays(random.nextInt(600)).toString()));
        }
        return new Step("tongyi-service", "customers: business units, investees (article), enterprises (synthetic)",
                chunk("POST", "/api/v1/customers", items));
    }

    /**
     * The count of Bailian users in Alibaba Group's results for the quarter ended 2024-12-31 (more than 290,000) as
     * customer records; who they are and when each was onboarded is synthetic.
     */
    private Step bailianCustomers() {
        List<Map<String, Object>> items = new ArrayList<>(ArticleFacts.BAILIAN_CUSTOMERS + 1);
        LocalDate from = LocalDate.of(2023, 9, 1);
        long span = ChronoUnit.DAYS.between(from, LocalDate.of(2024, 12, 31));
        for (int i = 1; i <= ArticleFacts.BAILIAN_CUSTOMERS + 1; i++) {
            // Onboarding accelerates over time: the square root spreads more customers towards the end.
            long day = (long) (span * Math.sqrt((double) i / (ArticleFacts.BAILIAN_CUSTOMERS + 1)));
            items.add(customer(String.format("bailian-%06d", i), "Bailian user " + i + " (synthetic)", "EXTERNAL", null,
                    from.plusDays(day).toString()));
        }
        return new Step("tongyi-service", "Bailian users (count from Alibaba's 2024-Q4 results, records synthetic)",
                chunk("POST", "/api/v1/customers", items));
    }

    /**
     * Monthly cumulative hub counters per open Qwen model and platform. Calibrated so that derivatives across the
     * models pass the 90,000 of Alibaba Group's results for the quarter ended 2024-12-31 by that day; downloads,
     * likes and the split are synthetic.
     */
    private Step hubSnapshots() {
        List<Request> requests = new ArrayList<>();
        // Share of the derivatives: the Qwen2.5 models split 92,000 by the end of 2024 (so "more than 90,000"
        // holds), the Qwen3 models gain theirs after their release. All splits and downloads are synthetic.
        double[] weights = {0.45, 0.35, 0.20, 0.12, 0.07, 0.06, 0.05};
        LocalDate endOf2024 = LocalDate.of(2024, 12, 31);
        for (int m = 0; m < OPEN_QWEN.size(); m++) {
            String model = OPEN_QWEN.get(m);
            LocalDate released = m == 2 ? LocalDate.of(2024, 11, 12) : m < 2 ? LocalDate.of(2024, 9, 19)
                    : LocalDate.parse(ArticleFacts.QWEN3_RELEASE);
            LocalDate calibration = m < 3 ? endOf2024 : LAST_DAY;
            double monthsToCalibration = ChronoUnit.MONTHS.between(released.withDayOfMonth(1), calibration.withDayOfMonth(1)) + 1;
            List<Map<String, Object>> items = new ArrayList<>();
            for (String platform : List.of("HUGGING_FACE", "MODELSCOPE")) {
                double platformShare = platform.equals("HUGGING_FACE") ? 0.7 : 0.3;
                double target = 92_000 * weights[m] * platformShare;
                for (LocalDate d = released.withDayOfMonth(released.lengthOfMonth()); !d.isAfter(LAST_DAY);
                     d = d.plusDays(1).plusMonths(1).minusDays(1)) {
                    double months = ChronoUnit.MONTHS.between(released.withDayOfMonth(1), d.withDayOfMonth(1)) + 1;
                    double derivatives = target * months / monthsToCalibration;
                    long downloads = (long) (derivatives * (150 + 25 * months));
                    long finetune = (long) (derivatives * 0.55);
                    long quantized = (long) (derivatives * 0.30);
                    long adapter = (long) (derivatives * 0.10);
                    long merge = (long) Math.ceil(derivatives) - finetune - quantized - adapter;
                    items.add(Map.of("date", d.toString(), "platform", platform, "downloads", downloads,
                            "likes", downloads / 400,
                            "derivatives", Map.of("finetune", finetune, "quantized", quantized, "adapter", adapter, "merge", merge)));
                }
            }
            requests.add(new Request("POST", "/api/v1/models/" + model + "/hub-stats", items, items.size()));
        }
        return new Step("tongyi-service", "hub snapshots (derivatives reach Alibaba's 2024-Q4 count, rest synthetic)",
                requests);
    }

    private static int quarterIndex(LocalDate d) {
        return (d.getYear() - 2024) * 4 + (d.getMonthValue() - 1) / 3;
    }

    private Step usageEvents() {
        List<Map<String, Object>> items = new ArrayList<>();
        String[] models = {"qwen-max", "qwen2.5-72b-instruct", "qwen3-235b-a22b", "qwen3-32b"};
        List<String[]> customers = usageCustomers();
        for (LocalDate d = FIRST_DAY; !d.isAfter(LAST_DAY); d = d.plusDays(1)) {
            int q = quarterIndex(d);
            for (String[] c : customers) {
                boolean external = c[1].equals("EXTERNAL");
                double activeChance = external ? 0.15 + 0.06 * q : 0.9;
                if (random.nextDouble() >= activeChance) {
                    continue;
                }
                // Usage grows quarter on quarter through more metered blocks, each of a bounded size.
                int calls = external ? 1 + q / 4 : 2 + q / 2 + random.nextInt(3);
                for (int k = 0; k < calls; k++) {
                    String model = d.isBefore(LocalDate.parse(ArticleFacts.QWEN3_RELEASE)) ? models[random.nextInt(2)]
                            : models[random.nextInt(models.length)];
                    // Each event stands for a metered block of calls, well under the service's per-event limit.
                    long scale = c[1].equals("INTERNAL") ? 40_000_000L : 8_000_000L;
                    long in = scale / 2 + random.nextLong(scale);
                    long out = in / 3 + random.nextLong(in / 3 + 1);
                    int second = random.nextInt(86_400);
                    String at = d.atStartOfDay(ZONE).plusSeconds(second).toInstant().toString();
                    String id = String.format("demo-usage-%s-%s-%d", d, c[0], k);
                    items.add(Map.of("eventId", id, "customerId", c[0], "modelId", model, "occurredAt", at,
                            "inputTokens", in, "outputTokens", out));
                    meteredTokens.merge(c[0] + "/" + d.toString().substring(0, 7), in + out, Long::sum);
                    meteredByModel.computeIfAbsent(c[0] + "/" + d.toString().substring(0, 7), m -> new TreeMap<>())
                            .merge(model, in + out, Long::sum);
                    servedByDay.computeIfAbsent(d, m -> new TreeMap<>()).merge(model, in + out, Long::sum);
                }
            }
        }
        return batched("tongyi-service", "usage events (synthetic)", "/api/v1/usage/events", items);
    }

    /**
     * GPU hours an inference token of each model takes, relative to one another (synthetic): the dense Qwen-Max the
     * most, the mixture-of-experts Qwen3 flagship (22B of its 235B active) less than the dense Qwen2.5-72B.
     */
    static final Map<String, Double> INFERENCE_WEIGHT = Map.of("qwen-max", 3.0, "qwen2.5-72b-instruct", 1.6,
            "qwen3-235b-a22b", 1.0, "qwen3-32b", 0.8);

    private Step gpuResources() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (LocalDate d = FIRST_DAY; !d.isAfter(LAST_DAY); d = d.plusDays(1)) {
            int q = quarterIndex(d);
            // Training peaks before the Qwen3 release; inference grows with usage. CNY per day, synthetic.
            long trainingHours = (long) (30_000 * (q == 4 || q == 5 ? 1.6 : 1.0) * (0.9 + 0.2 * random.nextDouble()));
            long inferenceHours = (long) (18_000 * (1 + 0.3 * q) * (0.9 + 0.2 * random.nextDouble()));
            items.add(Map.of("entryId", "demo-gpu-train-" + d, "date", d.toString(), "purpose", "TRAINING",
                    "gpuHours", trainingHours, "costCny", BigDecimal.valueOf(trainingHours * 180L, 0).setScale(2)));
            // The day's inference hours, split over the models served that day by their tokens and weight: the
            // day's total is what it was, and each model's answers have a cost (cost-per-resolved-session and
            // margin-per-million-tokens price tokens per model).
            Map<String, Long> hours = split(inferenceHours, weighted(servedByDay.getOrDefault(d, Map.of())));
            if (hours.isEmpty()) {
                hours = Map.of("", inferenceHours);
            }
            for (Map.Entry<String, Long> h : hours.entrySet()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("entryId", "demo-gpu-infer-" + d + (h.getKey().isEmpty() ? "" : "-" + h.getKey()));
                entry.put("date", d.toString());
                entry.put("purpose", "INFERENCE");
                if (!h.getKey().isEmpty()) {
                    entry.put("modelId", h.getKey());
                }
                entry.put("gpuHours", h.getValue());
                entry.put("costCny", BigDecimal.valueOf(h.getValue() * 150L, 0).setScale(2));
                items.add(entry);
            }
        }
        return batched("tongyi-service", "GPU resources (synthetic)", "/api/v1/resources/usage", items);
    }

    /** A day's tokens per model times the model's inference weight. */
    private static Map<String, Double> weighted(Map<String, Long> tokens) {
        Map<String, Double> w = new TreeMap<>();
        tokens.forEach((model, t) -> w.put(model, t * INFERENCE_WEIGHT.getOrDefault(model, 1.0)));
        return w;
    }

    /**
     * {@code total} split over the keys in proportion to their shares, rounded down, the rest to the largest share:
     * the parts add up to {@code total} exactly. Keys in their map's order; empty when there is no share.
     */
    static Map<String, Long> split(long total, Map<String, ? extends Number> shares) {
        double sum = shares.values().stream().mapToDouble(Number::doubleValue).sum();
        Map<String, Long> parts = new LinkedHashMap<>();
        if (sum <= 0) {
            return parts;
        }
        String largest = null;
        long given = 0;
        for (Map.Entry<String, ? extends Number> s : shares.entrySet()) {
            long part = (long) Math.floor(total * (s.getValue().doubleValue() / sum));
            parts.put(s.getKey(), part);
            given += part;
            if (largest == null || s.getValue().doubleValue() > shares.get(largest).doubleValue()) {
                largest = s.getKey();
            }
        }
        parts.merge(largest, total - given, Long::sum);
        return parts;
    }

    // ---- quark-service -------------------------------------------------------------------------------------

    static final Map<String, String> APPS = new LinkedHashMap<>();

    static {
        APPS.put("quark", "Quark 夸克");
        APPS.put("tongyi-app", "Tongyi 通义");
        APPS.put("taobao", "Taobao 淘宝");
        APPS.put("tmall", "Tmall 天猫");
        APPS.put("amap", "Amap 高德");
        APPS.put("fliggy", "Fliggy 飞猪");
        APPS.put("eleme", "Ele.me 饿了么");
    }

    private Step apps() {
        List<Request> r = new ArrayList<>();
        APPS.forEach((id, name) -> {
            Map<String, Object> app = new LinkedHashMap<>(Map.of("name", name, "businessUnit", id, "launchedOn", "2015-01-01"));
            if (id.equals(QuarkSegmentCalls.APP)) {
                app.put("bundleIds", List.of(QuarkSegmentCalls.BUNDLE));
            }
            r.add(put("/api/v1/apps/" + id, app));
        });
        r.add(put("/api/v1/apps/" + QuarkDailyAggregates.APP, Map.of("name", QuarkDailyAggregates.NAME,
                "businessUnit", QuarkDailyAggregates.UNIT, "launchedOn", "2024-01-01", "feed", "AGGREGATES")));
        return new Step("quark-service", "apps (article; launch dates, bundle ids and " + QuarkDailyAggregates.APP
                + " synthetic)", r);
    }

    /** The Segment-fed app's events as its SDK's Segment calls, in batches. */
    private static Step segmentCalls(QuarkActivity activity) {
        List<Map<String, Object>> calls = QuarkSegmentCalls.calls(activity);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < calls.size(); i += BATCH) {
            List<Map<String, Object>> part = calls.subList(i, Math.min(calls.size(), i + BATCH));
            requests.add(new Request("POST", "/api/v1/segment/batch", QuarkSegmentCalls.batch(part), part.size()));
        }
        return new Step("quark-service", QuarkSegmentCalls.APP + "'s installs, opens and AI sessions as Segment calls "
                + "(synthetic)", requests);
    }

    /** The items of the apps fed by quark's own JSON: the Segment-fed app's go as Segment calls instead. */
    private static List<Map<String, Object>> notSegment(List<Map<String, Object>> items) {
        return items.stream().filter(i -> !QuarkSegmentCalls.APP.equals(i.get("appId"))).toList();
    }

    /** Features the article names (with its dates) plus synthetic ones for the shopping apps. */
    static List<ArticleFacts.NamedFeature> allFeatures() {
        List<ArticleFacts.NamedFeature> all = new ArrayList<>();
        for (ArticleFacts.NamedFeature f : ArticleFacts.FEATURES) {
            String launched = f.launchedOn() != null ? f.launchedOn()
                    : f.featureId().equals("assistant") ? "2024-01-01" : "2024-03-01";   // synthetic dates
            all.add(new ArticleFacts.NamedFeature(f.appId(), f.featureId(), f.name(), f.kind(), launched));
        }
        all.add(new ArticleFacts.NamedFeature("taobao", "shopping-assistant", "Taobao shopping assistant (synthetic)", "ASSISTANT", "2024-06-01"));
        all.add(new ArticleFacts.NamedFeature("tmall", "ai-fitting", "Tmall AI try-on (synthetic)", "OTHER", "2024-09-01"));
        return all;
    }

    private Step features() {
        List<Request> r = new ArrayList<>();
        for (ArticleFacts.NamedFeature f : allFeatures()) {
            r.add(put("/api/v1/apps/" + f.appId() + "/features/" + f.featureId(),
                    Map.of("name", f.name(), "kind", f.kind(), "launchedOn", f.launchedOn())));
        }
        return new Step("quark-service", "AI features (article, plus two synthetic)", r);
    }

    // ---- cloud-billing-service -----------------------------------------------------------------------------

    private Step groupRevenue() {
        List<Request> r = new ArrayList<>();
        // Synthetic quarters around the reported one: group and cloud revenue in CNY million.
        long[][] millions = {{221_874, 25_595}, {243_236, 26_549}, {236_503, 29_610}, {0, 0},
                {236_454, 30_127}, {247_652, 33_398}, {247_795, 39_824}, {284_500, 43_300}};
        for (int q = 0; q < 8; q++) {
            String quarter = (2024 + q / 4) + "-Q" + (q % 4 + 1);
            if (quarter.equals(ArticleFacts.REPORTED_QUARTER)) {
                r.add(put("/api/v1/group-revenue/" + quarter, Map.of("groupRevenueCny", new BigDecimal(ArticleFacts.GROUP_REVENUE_CNY),
                        "cloudRevenueCny", new BigDecimal(ArticleFacts.CLOUD_REVENUE_CNY), "source", ArticleFacts.REVENUE_SOURCE)));
            } else {
                r.add(put("/api/v1/group-revenue/" + quarter, Map.of(
                        "groupRevenueCny", BigDecimal.valueOf(millions[q][0] * 1_000_000L).setScale(2),
                        "cloudRevenueCny", BigDecimal.valueOf(millions[q][1] * 1_000_000L).setScale(2),
                        "source", SYNTHETIC)));
            }
        }
        return new Step("cloud-billing-service",
                "group and cloud revenue (2024-Q4 from Alibaba's results, others synthetic)", r);
    }

    static final BigDecimal VOUCHER_CNY = new BigDecimal("900000000.00");

    private Step vouchers() {
        List<Request> r = new ArrayList<>();
        for (String[] i : ArticleFacts.INVESTEES) {
            r.add(put("/api/v1/vouchers/demo-voucher-" + i[0], Map.of("customerId", i[0], "customerKind", "INVESTEE",
                    "amountCny", VOUCHER_CNY, "issuedOn", "2024-01-01", "expiresOn", "2026-12-31")));
        }
        return new Step("cloud-billing-service", "investee vouchers (article; amounts synthetic)", r);
    }

    /** Three external customers' November 2025 bill as the cloud exports it, in FOCUS 1.0 (synthetic). */
    private static Step focusImport() {
        byte[] file;
        try (InputStream in = DemoDataSet.class.getResourceAsStream(FOCUS_FILE)) {
            file = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the demo's FOCUS file " + FOCUS_FILE + " is missing from the jar", e);
        }
        long rows = new String(file, StandardCharsets.UTF_8).lines().count() - 1;
        return new Step("cloud-billing-service", "FOCUS billing export, 2025-11 (synthetic)",
                List.of(new Request("POST", "/api/v1/ledger/imports",
                        new String(file, StandardCharsets.UTF_8), (int) rows, "text/csv")));
    }

    private static Map<String, Object> line(String id, String customer, String kind, String unit, LocalDate booked,
                                            String product, long fen, String funding, String voucher, Long tokens) {
        return line(id, customer, kind, unit, booked, product, fen, funding, voucher, tokens, null);
    }

    private static Map<String, Object> line(String id, String customer, String kind, String unit, LocalDate booked,
                                            String product, long fen, String funding, String voucher, Long tokens,
                                            String model) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("lineId", id);
        l.put("customerId", customer);
        l.put("customerKind", kind);
        l.put("businessUnit", unit);
        l.put("bookedOn", booked.toString());
        l.put("product", product);
        l.put("amountCny", BigDecimal.valueOf(fen, 2));
        l.put("funding", funding);
        l.put("voucherId", voucher);
        l.put("tokens", tokens);
        if (model != null) {
            l.put("model", model);
        }
        return l;
    }

    /**
     * A customer's MaaS token lines of a month, one per model it used: the month's billed tokens and amount split
     * over the models by their metered tokens, so that the parts add up to what one line billed before.
     */
    private List<Map<String, Object>> maasLines(String prefix, String customer, String kind, String unit,
                                                LocalDate booked, String ym, long billed, long fen, String funding,
                                                String voucher) {
        Map<String, Long> byModel = meteredByModel.getOrDefault(customer + "/" + ym, Map.of());
        Map<String, Long> billedByModel = split(billed, byModel);
        Map<String, Long> fenByModel = split(fen, billedByModel);
        List<Map<String, Object>> lines = new ArrayList<>();
        billedByModel.forEach((model, tokens) -> lines.add(line(prefix + "maas-" + model, customer, kind, unit, booked,
                "MAAS_TOKENS", fenByModel.get(model), funding, voucher, tokens, model)));
        return lines;
    }

    private Step ledger() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (LocalDate month = FIRST_DAY; !month.isAfter(LAST_DAY); month = month.plusMonths(1)) {
            LocalDate booked = month.withDayOfMonth(month.lengthOfMonth());
            String ym = month.toString().substring(0, 7);
            int q = quarterIndex(month);
            for (String[] c : usageCustomers()) {
                String id = c[0];
                String kind = c[1];
                String unit = kind.equals("INTERNAL") ? id : null;
                String prefix = "demo-line-" + ym + "-" + id + "-";
                long tokens = meteredTokens.getOrDefault(id + "/" + ym, 0L);
                // MaaS tokens billed at about 8 CNY per million (synthetic price), 0.4% of metering not billed.
                long billed = tokens - tokens / 250;
                long maasFen = billed / 1_000_000L * 800L;
                switch (kind) {
                    case "INTERNAL" -> {
                        long compute = (30_000_000L + random.nextLong(40_000_000L)) * (10 + 2L * q) / 10 * 100;
                        long iaas = (60_000_000L + random.nextLong(40_000_000L)) * 100;
                        items.add(line(prefix + "iaas", id, kind, unit, booked, "IAAS", iaas, "CASH", null, null));
                        items.add(line(prefix + "ai-compute", id, kind, unit, booked, "AI_COMPUTE", compute, "CASH", null, null));
                        if (billed > 0) {
                            items.addAll(maasLines(prefix, id, kind, unit, booked, ym, billed, maasFen, "CASH", null));
                        }
                    }
                    case "INVESTEE" -> {
                        // Investees consume cloud mostly out of their vouchers; a voucher surge in 2025-Q2 lifts AI
                        // revenue while cash stays flat.
                        long compute = (12_000_000L + random.nextLong(6_000_000L)) * (q == 5 ? 2 : 1) * 100;
                        long cash = compute / 10;
                        items.add(line(prefix + "ai-compute-voucher", id, kind, null, booked, "AI_COMPUTE", compute - cash,
                                "VOUCHER", "demo-voucher-" + id, null));
                        items.add(line(prefix + "ai-compute-cash", id, kind, null, booked, "AI_COMPUTE", cash, "CASH", null, null));
                        if (billed > 0) {
                            items.addAll(maasLines(prefix, id, kind, null, booked, ym, billed, maasFen, "VOUCHER",
                                    "demo-voucher-" + id));
                        }
                    }
                    default -> {
                        long paas = (200_000L + random.nextLong(800_000L)) * 100;
                        items.add(line(prefix + "paas", id, kind, null, booked, "PAAS", paas, "CASH", null, null));
                        if (billed > 0) {
                            items.addAll(maasLines(prefix, id, kind, null, booked, ym, billed, maasFen, "CASH", null));
                        }
                    }
                }
            }
        }
        // A correction: one month of Taobao's AI compute was overbilled; history is not edited, a signed line is added.
        items.add(Map.of("lineId", "demo-line-correction-2024-11-taobao", "customerId", "taobao", "customerKind", "INTERNAL",
                "businessUnit", "taobao", "bookedOn", "2024-12-15", "product", "AI_COMPUTE",
                "amountCny", new BigDecimal("-1250000.00"), "funding", "CASH", "correctionOf", "demo-line-2024-11-taobao-ai-compute"));
        return batched("cloud-billing-service", "ledger lines (synthetic; vouchers drawn by investees)", "/api/v1/ledger/lines", items);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Request put(String path, Object body) {
        return new Request("PUT", path, body, 1);
    }

    private static List<Request> chunk(String method, String path, List<Map<String, Object>> items) {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i += BATCH) {
            List<Map<String, Object>> part = items.subList(i, Math.min(items.size(), i + BATCH));
            requests.add(new Request(method, path, part, part.size()));
        }
        return requests;
    }

    private static Step batched(String service, String label, String path, List<Map<String, Object>> items) {
        return new Step(service, label, chunk("POST", path, items));
    }
}
