package aikpi.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One app's SYNTHETIC installs, app opens and AI sessions ({@link QuarkActivity}) as its mobile SDK reports them in
 * the Segment spec: {@code track} calls "Application Installed", "Application Opened" and "AI Session Ended", each
 * with a messageId of its own, and, as SDKs do, calls quark has no use for (an {@code identify} when a user first
 * installs, a {@code screen} now and then), which it acknowledges as ignored. The app is named by the bundle id in the
 * batch's {@code context.app}.
 */
final class QuarkSegmentCalls {

    static final String APP = "fliggy";
    /** The app's bundle id in these calls (synthetic). */
    static final String BUNDLE = "demo.fliggy.mobile";

    private QuarkSegmentCalls() {
    }

    /** The app's events, in the order of {@link QuarkActivity}'s lists, as Segment calls. */
    static List<Map<String, Object>> calls(QuarkActivity activity) {
        List<Map<String, Object>> calls = new ArrayList<>();
        for (Map<String, Object> install : ofApp(activity.installs())) {
            calls.add(track("Application Installed", install, "occurredAt", Map.of("version", "9.10.0", "build", "910")));
            calls.add(Map.of("type", "identify", "messageId", "demo-sg-identify-" + install.get("userId"),
                    "userId", install.get("userId"), "timestamp", install.get("occurredAt"),
                    "traits", Map.of("note", DemoDataSet.SYNTHETIC)));
        }
        int n = 0;
        for (Map<String, Object> open : ofApp(activity.opens())) {
            calls.add(track("Application Opened", open, "occurredAt", Map.of("from_background", false)));
            if (n++ % 10 == 0) {
                calls.add(Map.of("type", "screen", "name", "Home", "messageId", "demo-sg-screen-" + open.get("eventId"),
                        "userId", open.get("userId"), "timestamp", open.get("occurredAt")));
            }
        }
        for (Map<String, Object> session : ofApp(activity.sessions())) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("featureId", session.get("featureId"));
            properties.put("turns", session.get("turns"));
            properties.put("agentCalls", session.get("agentCalls"));
            properties.put("outcome", session.get("outcome"));
            if (session.containsKey("rating")) {
                properties.put("rating", session.get("rating"));
            }
            properties.put("converted", session.get("converted"));
            if (session.containsKey("conversionValueCny")) {
                properties.put("conversionValue", session.get("conversionValueCny"));
                properties.put("currency", "CNY");
            }
            calls.add(track("AI Session Ended", session, "startedAt", properties));
        }
        return calls;
    }

    /** The body of {@code POST /api/v1/segment/batch}: the calls, and the context every one of them shares. */
    static Map<String, Object> batch(List<Map<String, Object>> calls) {
        return Map.of("batch", calls, "context", Map.of(
                "app", Map.of("namespace", BUNDLE, "name", "Fliggy", "version", "9.10.0"),
                "library", Map.of("name", "analytics-ios", "version", "4.1.8")));
    }

    private static Map<String, Object> track(String event, Map<String, Object> item, String at, Map<String, Object> properties) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("type", "track");
        call.put("event", event);
        call.put("messageId", "demo-sg-" + item.getOrDefault("eventId", item.get("sessionId")));
        call.put("userId", item.get("userId"));
        call.put("timestamp", item.get(at));
        call.put("properties", properties);
        return call;
    }

    private static List<Map<String, Object>> ofApp(List<Map<String, Object>> items) {
        return items.stream().filter(i -> APP.equals(i.get("appId"))).toList();
    }
}
