package aikpi.feeds.days;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.theta.CompactSketch;
import org.apache.datasketches.theta.UpdateSketch;

/**
 * The pipeline's side of daily aggregates, as a small program: it reads one day of an app's events from a file,
 * builds the day's figures with Apache DataSketches (as a Spark or Flink job would, over far more users) and sends
 * them to quark with {@code PUT /api/v1/apps/{appId}/days/{date}}. It uses DataSketches and the JDK only, nothing of
 * quark.
 *
 * <p>The file has one event per line; blank lines and lines starting with {@code #} are skipped:
 * <pre>
 *   install,&lt;userId&gt;
 *   open,&lt;userId&gt;
 *   ai,&lt;userId&gt;,&lt;outcome RESOLVED|ABANDONED|ESCALATED|UNKNOWN&gt;,&lt;turns&gt;,&lt;agentCalls&gt;,&lt;rating 1-5 or empty&gt;,&lt;converted true|false&gt;,&lt;value CNY or empty&gt;
 * </pre>
 * Active users are the users with an {@code open}, AI users those with an {@code ai} session, new users those with
 * an install or an open who are not in the file of users seen on earlier days ({@code --seen}, one id per line;
 * without it every user of the day is new). A user is sketched as {@code HllSketch.update(userId)}: the same text as
 * quark's own events carry, so that a user of this app and of an event-fed app counts once in a union.
 *
 * <p>Run (from the repository root):
 * <pre>
 *   mvn -B -q -pl feeds-cli compile exec:java -Dexec.mainClass=aikpi.feeds.days.DaySketchUpload \
 *       -Dexec.args="--url http://localhost:8082 --app taobao-dp --day 2025-03-14 --events day.csv [--seen seen.txt] [--lg-k 16] [--theta]"
 * </pre>
 * with a writer's bearer token in {@code QUARK_TOKEN} (a development run takes {@code --user quark-writer}
 * {@code --password kpi-dev} instead, and signs in). It prints quark's answer and exits 1 unless it was 2xx.
 */
public final class DaySketchUpload {

    /** A day's figures, ready to send. */
    public record DayFigures(long installs, long opens, long sessions, long turns, long agentCalls, long resolved,
                             long abandoned, long escalated, long unknown, long rated, long ratingSum, long converted,
                             BigDecimal conversionValueCny, HllSketch activeUsers, HllSketch newUsers, HllSketch aiUsers,
                             CompactSketch activeUsersTheta) {

        /** The body of the PUT. */
        public String json() {
            StringBuilder b = new StringBuilder(256);
            b.append("{\"installs\":").append(installs).append(",\"opens\":").append(opens)
                    .append(",\"aiSessions\":{\"sessions\":").append(sessions).append(",\"turns\":").append(turns)
                    .append(",\"agentCalls\":").append(agentCalls).append(",\"resolved\":").append(resolved)
                    .append(",\"abandoned\":").append(abandoned).append(",\"escalated\":").append(escalated)
                    .append(",\"unknown\":").append(unknown).append(",\"rated\":").append(rated)
                    .append(",\"ratingSum\":").append(ratingSum).append(",\"converted\":").append(converted)
                    .append(",\"conversionValueCny\":").append(conversionValueCny.toPlainString()).append('}')
                    .append(",\"activeUsers\":\"").append(base64(activeUsers.toCompactByteArray()))
                    .append("\",\"newUsers\":\"").append(base64(newUsers.toCompactByteArray()))
                    .append("\",\"aiUsers\":\"").append(base64(aiUsers.toCompactByteArray())).append('"');
            if (activeUsersTheta != null) {
                b.append(",\"activeUsersTheta\":\"").append(base64(activeUsersTheta.toByteArray())).append('"');
            }
            return b.append('}').toString();
        }
    }

    private DaySketchUpload() {
    }

    /**
     * Builds a day's figures from its event lines.
     *
     * @param seenBefore users seen on earlier days (they are not new)
     * @param lgK        the HLL sketches' lgK, 4 to 21 (16: 0.41% relative standard error, 64 KiB once dense)
     * @param theta      whether to add the active users as a Theta sketch too
     */
    public static DayFigures figures(List<String> lines, Set<String> seenBefore, int lgK, boolean theta) {
        HllSketch active = new HllSketch(lgK, TgtHllType.HLL_8);
        HllSketch fresh = new HllSketch(lgK, TgtHllType.HLL_8);
        HllSketch ai = new HllSketch(lgK, TgtHllType.HLL_8);
        UpdateSketch activeTheta = theta ? UpdateSketch.builder().build() : null;
        long installs = 0;
        long opens = 0;
        long[] s = new long[10];   // sessions, turns, agentCalls, resolved, abandoned, escalated, unknown, rated, ratingSum, converted
        BigDecimal value = BigDecimal.ZERO.setScale(2);
        Set<String> newToday = new HashSet<>();
        int lineNumber = 0;
        for (String raw : lines) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            String user = f.length > 1 ? f[1].strip() : "";
            if (user.isEmpty()) {
                throw new IllegalArgumentException("line " + lineNumber + ": no user id: " + raw);
            }
            switch (f[0].strip()) {
                case "install" -> installs++;
                case "open" -> {
                    opens++;
                    active.update(user);
                    if (activeTheta != null) {
                        activeTheta.update(user);
                    }
                }
                case "ai" -> {
                    if (f.length != 8) {
                        throw new IllegalArgumentException("line " + lineNumber + ": an ai line has 8 fields: " + raw);
                    }
                    ai.update(user);
                    s[0]++;
                    s[1] += Long.parseLong(f[3].strip());
                    s[2] += Long.parseLong(f[4].strip());
                    switch (f[2].strip().toUpperCase(Locale.ROOT)) {
                        case "RESOLVED" -> s[3]++;
                        case "ABANDONED" -> s[4]++;
                        case "ESCALATED" -> s[5]++;
                        case "UNKNOWN" -> s[6]++;
                        default -> throw new IllegalArgumentException("line " + lineNumber + ": unknown outcome " + f[2]);
                    }
                    if (!f[5].isBlank()) {
                        s[7]++;
                        s[8] += Integer.parseInt(f[5].strip());
                    }
                    if (Boolean.parseBoolean(f[6].strip())) {
                        s[9]++;
                        if (!f[7].isBlank()) {
                            value = value.add(new BigDecimal(f[7].strip()));
                        }
                    }
                    continue;
                }
                default -> throw new IllegalArgumentException("line " + lineNumber + ": unknown event " + f[0]);
            }
            // Installs and opens make a user seen: new today unless seen on an earlier day.
            if (!seenBefore.contains(user) && newToday.add(user)) {
                fresh.update(user);
            }
        }
        return new DayFigures(installs, opens, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], value,
                active, fresh, ai, activeTheta == null ? null : activeTheta.compact());
    }

    /** Sends the day; answers quark's status and body. */
    public static HttpResponse<String> put(URI quark, String bearerToken, String appId, LocalDate day, DayFigures figures)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(quark.resolve("/api/v1/apps/" + appId + "/days/" + day))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearerToken)
                .PUT(HttpRequest.BodyPublishers.ofString(figures.json(), StandardCharsets.UTF_8))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The program: reads the arguments, builds the day, sends it; answers the exit status. */
    public static int run(String... args) throws IOException, InterruptedException {
        String url = "http://localhost:8082";
        String app = null;
        LocalDate day = null;
        Path events = null;
        Path seen = null;
        int lgK = 16;
        boolean theta = false;
        String token = System.getenv("QUARK_TOKEN");
        String user = null;
        String password = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--app" -> app = args[++i];
                case "--day" -> day = LocalDate.parse(args[++i]);
                case "--events" -> events = Path.of(args[++i]);
                case "--seen" -> seen = Path.of(args[++i]);
                case "--lg-k" -> lgK = Integer.parseInt(args[++i]);
                case "--theta" -> theta = true;
                case "--token" -> token = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (app == null || day == null || events == null) {
            System.err.println("usage: --app <appId> --day <yyyy-mm-dd> --events <file> [--seen <file>] [--lg-k 4..21] "
                    + "[--theta] [--url " + url + "] [--token <bearer> | --user <name> --password <password>]");
            return 2;
        }
        Set<String> seenBefore = seen == null ? Set.of() : new HashSet<>(Files.readAllLines(seen).stream()
                .map(String::strip).filter(u -> !u.isEmpty()).toList());
        DayFigures figures = figures(Files.readAllLines(events), seenBefore, lgK, theta);
        URI base = URI.create(url);
        if (token == null && user != null) {
            token = login(base, user, password);
        }
        if (token == null) {
            System.err.println("no credentials: set QUARK_TOKEN (a writer's bearer token) or give --user and --password");
            return 2;
        }
        HttpResponse<String> answer = put(base, token, app, day, figures);
        System.out.printf("PUT %s/api/v1/apps/%s/days/%s: %d installs, %d opens, %d AI sessions; users about %.0f "
                        + "active, %.0f new, %.0f with AI -> %d %s%n", url, app, day, figures.installs(), figures.opens(),
                figures.sessions(), figures.activeUsers().getEstimate(), figures.newUsers().getEstimate(),
                figures.aiUsers().getEstimate(), answer.statusCode(), answer.body());
        return answer.statusCode() / 100 == 2 ? 0 : 1;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    private static String login(URI base, String user, String password) throws IOException, InterruptedException {
        String body = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        int at = answer.body().indexOf("\"access_token\":\"");
        if (answer.statusCode() != 200 || at < 0) {
            throw new IOException("signing in as " + user + " answered " + answer.statusCode());
        }
        int start = at + "\"access_token\":\"".length();
        return answer.body().substring(start, answer.body().indexOf('"', start));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
