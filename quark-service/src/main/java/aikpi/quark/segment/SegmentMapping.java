package aikpi.quark.segment;

import aikpi.platform.json.JsonTrees;
import aikpi.platform.problem.NotFoundException;
import aikpi.platform.problem.BatchErrors;
import aikpi.quark.activity.UserEventRequest;
import aikpi.quark.apps.EventRules;
import aikpi.quark.sessions.AiSessionRequest;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.NumberText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Segment-spec calls (the bodies of Segment's HTTP Tracking API, {@code batch} and {@code track}) translated into
 * quark's own events by one table, which quark's README repeats:
 *
 * <table>
 *   <tr><th>Segment call</th><th>quark event</th></tr>
 *   <tr><td>{@code track} "Application Installed"</td><td>an install</td></tr>
 *   <tr><td>{@code track} "Application Opened"</td><td>an app open</td></tr>
 *   <tr><td>{@code track} "AI Session Ended"</td><td>an AI session: {@code properties} featureId, turns, agentCalls,
 *       outcome, rating?, converted, conversionValue? (CNY), sessionId?</td></tr>
 *   <tr><td>any other {@code track}; {@code identify}, {@code screen}, {@code page}, {@code group}, {@code alias}</td>
 *       <td>none: acknowledged and counted as ignored</td></tr>
 * </table>
 *
 * The fields every mapped call carries: {@code messageId} is the event's id ({@code sg:} + messageId; a session's id
 * is {@code properties.sessionId} when given); the user is {@code userId}, or {@code anonymous:} + {@code anonymousId};
 * the instant is {@code timestamp}, or {@code originalTimestamp} corrected for the device's clock as Segment does
 * ({@code receivedAt - (sentAt - originalTimestamp)}) when the call or the batch carries {@code sentAt}; the app is
 * {@code properties.appId}, or the app whose bundle ids list {@code context.app.namespace} (the call's, else the
 * batch's). What is wrong with a call is named with its index, its messageId and the field as Segment names it.
 */
public final class SegmentMapping {

    public static final String INSTALLED = "Application Installed";
    public static final String OPENED = "Application Opened";
    public static final String AI_SESSION_ENDED = "AI Session Ended";
    /** The methods of the Segment spec; every one but {@code track} is acknowledged and ignored. */
    static final Set<String> TYPES = Set.of("track", "identify", "screen", "page", "group", "alias");
    /** Event ids of calls mapped to events are the messageId behind this prefix, apart from the native JSON's ids. */
    static final String ID_PREFIX = "sg:";
    static final String ANONYMOUS_PREFIX = "anonymous:";
    static final int MAX_MESSAGE_ID = EventRules.MAX_ID_LENGTH - ID_PREFIX.length();
    static final int MAX_ANONYMOUS_ID = EventRules.MAX_ID_LENGTH - ANONYMOUS_PREFIX.length();

    private SegmentMapping() {
    }

    /** What quark makes of a mapped call. */
    public enum Kind {
        INSTALL,
        OPEN,
        AI_SESSION
    }

    /**
     * A call mapped to a quark event ({@code event} for an install or app open, {@code session} for an AI session),
     * with the Segment name of every field quark's own rules check, and the producer's stamp of the call's time
     * ({@code timestamp}, else {@code originalTimestamp}), which identifies the event with its messageId.
     */
    public record Mapped(int index, String messageId, Kind kind, @Nullable UserEventRequest event,
                         @Nullable AiSessionRequest session, Map<String, String> fields, @Nullable Instant stamp) {

        /** The Segment name of a field quark's rules named. */
        String segmentField(String quarkField) {
            return fields.getOrDefault(quarkField, quarkField);
        }

        String appId() {
            return event != null ? event.appId() : session.appId();
        }
    }

    /**
     * The calls of a body and what the HTTP API's batch body gives them all: a context and a {@code sentAt}; for a body
     * of one call, the {@code method} its path names ({@code /v1/track}, {@code /v1/identify}, …).
     */
    public record Calls(List<JsonNode> calls, @Nullable JsonNode context, @Nullable JsonNode sentAt,
                        @Nullable String method) {
    }

    /** The calls mapped, how many were ignored, and how many repeated a messageId of the same body. */
    public record Translation(List<Mapped> events, int ignored, int repeats) {
    }

    /** {@code {"batch": [call, …], "context"?, "sentAt"?}}, as Segment's {@code /v1/batch} takes it. */
    public static Calls batch(JsonNode body) {
        JsonNode batch = JsonTrees.member(body, "batch");
        if (batch == null || !batch.isArray()) {
            throw new InvalidRequestException("A Segment batch is a JSON object {\"batch\": [call, …]}: the calls of "
                    + "Segment's HTTP Tracking API (track, identify, screen, page, group, alias).");
        }
        List<JsonNode> calls = new ArrayList<>(batch.size());
        batch.values().forEach(calls::add);
        return new Calls(calls, body.get("context"), body.get("sentAt"), null);
    }

    /** One {@code track} call, as Segment's {@code /v1/track} takes it. */
    public static Calls track(JsonNode body) {
        return single("track", body);
    }

    /**
     * One call of the Segment method its path names, as Segment's {@code /v1/track}, {@code /v1/identify}, {@code
     * /v1/page}, {@code /v1/screen}, {@code /v1/group} and {@code /v1/alias} take it; an unknown method is no path.
     */
    public static Calls single(String method, JsonNode body) {
        if (!TYPES.contains(method)) {
            throw new NotFoundException("Segment method", method);
        }
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("A Segment " + method + " call is a JSON object (for a track call "
                    + "{\"event\", \"messageId\", \"userId\", \"timestamp\", \"properties\", \"context\"}); send "
                    + "several as a batch.");
        }
        return new Calls(List.of(body), null, null, method);
    }

    /** The {@code context.app.namespace} values of the calls (and the batch), to find their apps in one look-up. */
    public static Set<String> namespaces(Calls calls) {
        Set<String> namespaces = new TreeSet<>();
        for (JsonNode call : calls.calls()) {
            String ns = namespace(call);
            if (ns != null) {
                namespaces.add(ns);
            }
        }
        String batchNs = namespace(calls);
        if (batchNs != null) {
            namespaces.add(batchNs);
        }
        return namespaces;
    }

    /** {@code context.app.namespace} of a call, when it is text. */
    private static String namespace(JsonNode call) {
        return JsonTrees.text(JsonTrees.member(JsonTrees.member(call, "context"), "app"), "namespace");
    }

    /** The batch's {@code context.app.namespace}, when it is text. */
    private static String namespace(Calls calls) {
        return JsonTrees.text(JsonTrees.member(calls.context(), "app"), "namespace");
    }

    /**
     * Maps every call; records what is wrong with each in {@code errors}. A messageId repeated in the body is mapped
     * once (the first time) and counted in {@code repeats}.
     *
     * @param appOfNamespace the app each bundle id of {@link #namespaces} names
     * @param receivedAt     when the body arrived, for the clock correction of {@code originalTimestamp}
     */
    public static Translation translate(Calls calls, Map<String, String> appOfNamespace, Instant receivedAt,
                                        BatchErrors errors) {
        List<Mapped> events = new ArrayList<>();
        Set<String> messageIds = new HashSet<>();
        int ignored = 0;
        int repeats = 0;
        for (int i = 0; i < calls.calls().size(); i++) {
            JsonNode call = calls.calls().get(i);
            String messageId = JsonTrees.text(call, "messageId");
            Fields f = new Fields(i, messageId, errors);
            if (!call.isObject()) {
                errors.add(i, null, "item", "is not a JSON object (a Segment call)");
                continue;
            }
            Kind kind = kind(call, calls.method(), f);
            if (kind == null) {
                ignored += f.clean() ? 1 : 0;
                continue;
            }
            Mapped mapped = map(call, kind, calls, appOfNamespace, receivedAt, f);
            if (mapped != null && !messageIds.add(messageId)) {
                repeats++;
            } else if (mapped != null) {
                events.add(mapped);
            }
        }
        return new Translation(events, ignored, repeats);
    }

    /** What the call becomes, or null when it is ignored (or its type is wrong, which {@code f} records). */
    private static Kind kind(JsonNode call, @Nullable String method, Fields f) {
        String type = f.text(call, "type", false);
        if (type == null && method != null && call.get("type") == null) {
            type = method;
        }
        if (type == null) {
            f.error("type", "is required: one of " + new TreeSet<>(TYPES));
            return null;
        }
        if (!TYPES.contains(type)) {
            f.error("type", "'" + type + "' is not a Segment method; one of " + new TreeSet<>(TYPES));
            return null;
        }
        if (method != null && !type.equals(method)) {
            f.error("type", "this endpoint takes " + method + " calls; send '" + type + "' calls to its own or in a batch");
            return null;
        }
        if (!type.equals("track")) {
            return null;
        }
        String event = f.text(call, "event", true);
        if (event == null || event.isBlank()) {
            if (event != null) {
                f.error("event", "must not be blank: a track call names its event");
            }
            return null;
        }
        return switch (event) {
            case INSTALLED -> Kind.INSTALL;
            case OPENED -> Kind.OPEN;
            case AI_SESSION_ENDED -> Kind.AI_SESSION;
            default -> null;
        };
    }

    private static Mapped map(JsonNode call, Kind kind, Calls calls, Map<String, String> appOfNamespace,
                              Instant receivedAt, Fields f) {
        Map<String, String> names = new HashMap<>();
        names.put("eventId", "messageId");
        String messageId = f.text(call, "messageId", true);
        if (messageId != null && messageId.isBlank()) {
            f.error("messageId", "must not be blank");
        } else if (messageId != null && messageId.length() > MAX_MESSAGE_ID) {
            f.error("messageId", "is longer than " + MAX_MESSAGE_ID + " characters");
        }
        String user = user(call, f, names);
        When when = instant(call, calls.sentAt(), receivedAt, f, names);
        Instant at = when.at();
        JsonNode properties = call.get("properties");
        if (properties != null && !properties.isNull() && !properties.isObject()) {
            f.error("properties", "must be a JSON object");
            properties = null;
        }
        String appId = app(call, properties, calls.context(), appOfNamespace, f, names);
        String eventId = messageId == null ? null : ID_PREFIX + messageId;
        if (kind != Kind.AI_SESSION) {
            names.put("occurredAt", names.remove("at"));
            return new Mapped(f.index, messageId, kind, new UserEventRequest(eventId, appId, user, at), null, names,
                    when.stamp());
        }
        names.put("startedAt", names.remove("at"));
        JsonNode p = properties == null ? JsonNode.createObjectNode(Map.of()) : properties;
        if (properties == null) {
            f.error("properties", "is required: {featureId, turns, agentCalls, outcome, converted, rating?, "
                    + "conversionValue?, sessionId?}");
        }
        String sessionId = f.text(p, "sessionId", "properties.sessionId", false);
        names.put("sessionId", sessionId == null ? "messageId" : "properties.sessionId");
        for (String field : List.of("featureId", "turns", "agentCalls", "outcome", "rating", "converted")) {
            names.put(field, "properties." + field);
        }
        names.put("conversionValueCny", "properties.conversionValue");
        String currency = f.text(p, "currency", "properties.currency", false);
        if (currency != null && !currency.equalsIgnoreCase("CNY")) {
            f.error("properties.currency", "conversionValue is counted in CNY (was '" + currency + "')");
        }
        Long rating = f.whole(p, "rating");
        if (rating != null && (rating < Integer.MIN_VALUE || rating > Integer.MAX_VALUE)) {
            f.error("properties.rating", "must be 1 to 5 when given (was " + rating + ")");
            rating = null;
        }
        AiSessionRequest session = new AiSessionRequest(sessionId != null ? sessionId : eventId, appId,
                f.text(p, "featureId", "properties.featureId", false), user, at, f.whole(p, "turns"),
                f.whole(p, "agentCalls"), f.text(p, "outcome", "properties.outcome", false),
                rating == null ? null : rating.intValue(), f.flag(p, "converted"), f.decimal(p, "conversionValue"));
        return new Mapped(f.index, messageId, kind, null, session, names, when.stamp());
    }

    /** {@code userId} (text, or a whole number as its digits), else {@code anonymous:} + {@code anonymousId}. */
    private static String user(JsonNode call, Fields f, Map<String, String> names) {
        JsonNode userId = call.get("userId");
        if (JsonTrees.isWhole(userId)) {
            names.put("userId", "userId");
            return userId.getBigIntegerValue().toString();
        }
        if (userId != null && !userId.isNull()) {
            names.put("userId", "userId");
            String user = f.text(call, "userId", false);
            if (user != null && user.isBlank()) {
                f.error("userId", "must not be blank");
            }
            return user;
        }
        names.put("userId", "anonymousId");
        String anonymous = f.text(call, "anonymousId", false);
        if (anonymous == null || anonymous.isBlank()) {
            f.error("userId", "userId or anonymousId is required");
            return null;
        }
        if (anonymous.length() > MAX_ANONYMOUS_ID) {
            f.error("anonymousId", "is longer than " + MAX_ANONYMOUS_ID + " characters");
            return null;
        }
        return ANONYMOUS_PREFIX + anonymous;
    }

    /**
     * When a call happened: {@code timestamp}, else {@code originalTimestamp} corrected by {@code sentAt} when there is
     * one; and the stamp the producer gave it, which a retry repeats unchanged (the correction does not: a retry has
     * another {@code sentAt} and arrives at another time).
     */
    private static When instant(JsonNode call, JsonNode batchSentAt, Instant receivedAt, Fields f,
                                Map<String, String> names) {
        if (present(call, "timestamp")) {
            names.put("at", "timestamp");
            Instant at = f.instant(call.get("timestamp"), "timestamp");
            return new When(at, at);
        }
        names.put("at", "originalTimestamp");
        if (!present(call, "originalTimestamp")) {
            f.error("timestamp", "is required (or originalTimestamp): when the event happened, ISO-8601 with an offset");
            return new When(null, null);
        }
        Instant original = f.instant(call.get("originalTimestamp"), "originalTimestamp");
        JsonNode sentAtValue = present(call, "sentAt") ? call.get("sentAt")
                : batchSentAt != null && !batchSentAt.isNull() ? batchSentAt : null;
        Instant sentAt = sentAtValue == null ? null : f.instant(sentAtValue, "sentAt");
        if (original == null || sentAt == null) {
            return new When(original, original);
        }
        // Segment's clock-skew correction: the device's clock was off by (sentAt - receivedAt).
        return new When(receivedAt.minusMillis(sentAt.toEpochMilli() - original.toEpochMilli()), original);
    }

    /** When a call happened, and the producer's own stamp of it. */
    private record When(@Nullable Instant at, @Nullable Instant stamp) {
    }

    private static boolean present(JsonNode call, String key) {
        JsonNode value = call.get(key);
        return value != null && !value.isNull();
    }

    /** {@code properties.appId}, else the app whose bundle ids list {@code context.app.namespace}. */
    private static String app(JsonNode call, JsonNode properties, JsonNode batchContext,
                              Map<String, String> appOfNamespace, Fields f, Map<String, String> names) {
        String explicit = properties == null ? null : f.text(properties, "appId", "properties.appId", false);
        String namespace = f.text(JsonTrees.member(JsonTrees.member(call, "context"), "app"), "namespace",
                "context.app.namespace", false);
        if (namespace == null && batchContext != null) {
            namespace = f.text(JsonTrees.member(batchContext, "app"), "namespace", "context.app.namespace", false);
        }
        String named = namespace == null ? null : appOfNamespace.get(namespace);
        if (explicit != null) {
            names.put("appId", "properties.appId");
            if (named != null && !named.equals(explicit)) {
                f.error("properties.appId", "'" + explicit + "' is not the app of context.app.namespace '" + namespace
                        + "' ('" + named + "')");
            }
            return explicit;
        }
        names.put("appId", "context.app.namespace");
        if (namespace == null) {
            f.error("context.app.namespace", "is required (or properties.appId): the app's bundle id");
        } else if (named == null) {
            f.error("context.app.namespace", "'" + namespace + "' is no app's bundle id; list it in the app's "
                    + "bundleIds (PUT /api/v1/apps/{appId}) or send properties.appId");
        }
        return named;
    }

    /** Reads a call's fields in the JSON shape the spec gives them, recording every one that is not. */
    private static final class Fields {

        final int index;
        final String messageId;
        final BatchErrors errors;
        private final int before;

        Fields(int index, String messageId, BatchErrors errors) {
            this.index = index;
            this.messageId = messageId;
            this.errors = errors;
            this.before = errors.size();
        }

        boolean clean() {
            return errors.size() == before;
        }

        void error(String field, String message) {
            errors.add(index, messageId, field, message);
        }

        String text(JsonNode node, String key, boolean required) {
            return text(node, key, key, required);
        }

        String text(JsonNode node, String key, String field, boolean required) {
            JsonNode v = JsonTrees.member(node, key);
            if (v == null || v.isNull()) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            if (!v.isString()) {
                error(field, "must be text (was " + abbreviate(v) + ")");
                return null;
            }
            return v.getStringValue();
        }

        Long whole(JsonNode properties, String key) {
            JsonNode v = properties.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            Long whole = JsonTrees.longValue(v);
            if (whole == null) {
                error("properties." + key, "must be a whole number (was " + abbreviate(v) + ")");
            }
            return whole;
        }

        Boolean flag(JsonNode properties, String key) {
            JsonNode v = properties.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isBoolean()) {
                error("properties." + key, "must be true or false (was " + abbreviate(v) + ")");
                return null;
            }
            return v.getBooleanValue();
        }

        /** An amount: a JSON number, read exactly, or its text ("12.50"). */
        BigDecimal decimal(JsonNode properties, String key) {
            JsonNode v = properties.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            try {
                if (v.isNumber()) {
                    return v.getBigDecimalValue();
                }
                if (v.isString()) {
                    String tooLarge = NumberText.problem(v.getStringValue());
                    if (tooLarge != null) {
                        error("properties." + key, tooLarge);
                        return null;
                    }
                    return new BigDecimal(v.getStringValue().strip());
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            error("properties." + key, "must be an amount in CNY, a number or its text (was " + abbreviate(v) + ")");
            return null;
        }

        Instant instant(JsonNode v, String key) {
            if (v == null || !v.isString()) {
                error(key, "must be an ISO-8601 date-time with an offset, as text (was " + abbreviate(v) + ")");
                return null;
            }
            try {
                return OffsetDateTime.parse(v.getStringValue()).toInstant();
            } catch (DateTimeParseException e) {
                error(key, "is not an ISO-8601 date-time with an offset such as 2025-03-14T08:30:00.000Z (was '"
                        + abbreviate(v.getStringValue()) + "')");
                return null;
            }
        }

        private static String abbreviate(JsonNode v) {
            return abbreviate(JsonTrees.json(v));
        }

        private static String abbreviate(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }
    }
}
