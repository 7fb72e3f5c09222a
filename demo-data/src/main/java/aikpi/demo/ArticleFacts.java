package aikpi.demo;

import java.util.List;

/**
 * The only real figures of the demo data set, each from where it was reported: the group and cloud revenue and the
 * Qwen derivative-model and Bailian counts from Alibaba Group's results for the quarter ended 2024-12-31 (fiscal
 * FY2025-Q3; of these the article quotes only the cloud revenue and its 11% share), the other facts here from the
 * source article (2025-05-07). Everything else the loader sends is generated and labelled synthetic.
 */
public final class ArticleFacts {

    private ArticleFacts() {
    }

    /** The quarter of the reported revenue figures: calendar 2024-Q4 = fiscal FY2025-Q3. */
    public static final String REPORTED_QUARTER = "2024-Q4";
    /** Group revenue of the quarter, CNY: RMB 280,154 million (Alibaba Group's results; not in the article). */
    public static final String GROUP_REVENUE_CNY = "280154000000.00";
    /**
     * Cloud Intelligence Group revenue of the quarter, CNY: RMB 31,742 million (Alibaba Group's results; the article
     * quotes it as 317.42 亿元 and its share, 11.3%, rounded to 11%).
     */
    public static final String CLOUD_REVENUE_CNY = "31742000000.00";
    public static final String REVENUE_SOURCE = "Alibaba Group results for the quarter ended 2024-12-31 (FY2025-Q3)";

    /** More than 90,000 derivative models of Qwen on model communities: Alibaba Group's results for the quarter. */
    public static final int QWEN_DERIVATIVE_MODELS = 90_000;
    /** More than 290,000 companies and developers using Qwen through Bailian (Model Studio): the same results. */
    public static final int BAILIAN_CUSTOMERS = 290_000;

    /** Ten Tongyi models open-sourced in Q1 2025 (article); it names none of them, so they are placeholders. */
    public static final int OPEN_SOURCED_IN_2025_Q1 = 10;
    /** The Qwen3 series was open-sourced on this day; its flagship beat DeepSeek-R1, o1 and o3-mini (article). */
    public static final String QWEN3_RELEASE = "2025-04-29";

    /** The five model companies the group invested in, which the article names; it tells of cloud vouchers (代金券). */
    public static final List<String[]> INVESTEES = List.of(
            new String[] {"minimax", "MiniMax"},
            new String[] {"moonshot", "Moonshot AI 月之暗面"},
            new String[] {"zhipu", "Zhipu AI 智谱"},
            new String[] {"baichuan", "Baichuan 百川"},
            new String[] {"01ai", "01.AI 零一万物"});

    /** AI features the article names, with the launch dates it gives (null: no date in the article). */
    public record NamedFeature(String appId, String featureId, String name, String kind, String launchedOn) {
    }

    public static final List<NamedFeature> FEATURES = List.of(
            new NamedFeature("quark", "ai-camera", "AI camera → Taobao product page (AI 拍照识物)", "CAMERA", null),
            new NamedFeature("quark", "super-box", "Super box search (超级搜索框)", "SEARCH", null),
            new NamedFeature("tongyi-app", "assistant", "Tongyi assistant (通义)", "ASSISTANT", null),
            new NamedFeature("amap", "ai-navigation-agent", "AI navigation agent (高德 AI 导航智能体)", "AGENT", "2025-04-18"),
            new NamedFeature("fliggy", "ai-ask", "AI 问一问", "ASSISTANT", "2025-04-21"),
            new NamedFeature("eleme", "rider-assistant", "Rider assistant 小饿", "ASSISTANT", "2025-04-25"));
}
