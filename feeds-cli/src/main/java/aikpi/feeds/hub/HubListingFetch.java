package aikpi.feeds.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a Hugging Face Hub model listing page by page and posts it to tongyi-service's
 * {@code POST /api/v1/hub-stats/imports/huggingface} (feeds-cli's README has the command). It asks the Hub for
 * {@code GET {HUB_URL}/api/models?{HUB_QUERY}&limit=1000&expand[]=downloadsAllTime&expand[]=likes&expand[]=tags},
 * follows the {@code Link: <...>; rel="next"} header from page to page, and posts the whole listing at once (the
 * derivatives of a model on one page may be listed on another).
 *
 * <p>Settings (environment): {@code HUB_URL} (default {@code https://huggingface.co}), {@code HUB_QUERY} (default
 * {@code author=Qwen}), {@code HUB_TOKEN} (optional, a Hub access token), {@code TONGYI_URL} (default
 * {@code http://localhost:8081}), {@code TONGYI_TOKEN} (a {@code TONGYI_WRITER} token; without it a development
 * sign-in as {@code tongyi-writer} with {@code KPI_DEV_PASSWORD}), {@code AS_OF} (default: today, as tongyi sees it).
 */
public final class HubListingFetch {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_PAGES = 1_000;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> env;

    /** @param env the settings above, by name (the process's environment when run as a program) */
    public HubListingFetch(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        JsonNode answer = new HubListingFetch(System.getenv()).run();
        System.out.println(answer.toPrettyString());
    }

    /** Fetches every page and posts the listing; answers tongyi's answer. */
    public JsonNode run() throws IOException, InterruptedException {
        String hub = env.getOrDefault("HUB_URL", "https://huggingface.co").replaceAll("/+$", "");
        String query = env.getOrDefault("HUB_QUERY", "author=Qwen");
        String expand = "&limit=1000&" + enc("expand[]") + "=downloadsAllTime&" + enc("expand[]") + "=likes&"
                + enc("expand[]") + "=tags";
        URI next = URI.create(hub + "/api/models?" + query + expand);
        ArrayNode listing = json.createArrayNode();
        int pages = 0;
        while (next != null) {
            if (++pages > MAX_PAGES) {
                throw new IllegalStateException("the Hub's listing goes on past " + MAX_PAGES + " pages");
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
            if (env.get("HUB_TOKEN") != null) {
                b.header("Authorization", "Bearer " + env.get("HUB_TOKEN"));
            }
            HttpResponse<String> page = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("GET " + next + " answered " + page.statusCode() + ": " + abbreviate(page.body()));
            }
            JsonNode models = json.readTree(page.body());
            if (!models.isArray()) {
                throw new IllegalStateException("GET " + next + " did not answer a JSON array");
            }
            listing.addAll((ArrayNode) models);
            next = page.headers().firstValue("Link").map(HubListingFetch::nextOf).map(next::resolve).orElse(null);
            System.err.printf("page %d: %d models (%d in all)%n", pages, models.size(), listing.size());
        }
        String tongyi = env.getOrDefault("TONGYI_URL", "http://localhost:8081").replaceAll("/+$", "");
        String asOf = env.get("AS_OF") == null ? "" : "?asOf=" + enc(env.get("AS_OF"));
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(tongyi
                        + "/api/v1/hub-stats/imports/huggingface" + asOf)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token(tongyi))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(listing))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 200) {
            throw new IllegalStateException("tongyi-service answered " + posted.statusCode() + ": " + abbreviate(posted.body()));
        }
        return json.readTree(posted.body());
    }

    private String token(String tongyi) throws IOException, InterruptedException {
        String given = env.get("TONGYI_TOKEN");
        if (given != null && !given.isBlank()) {
            return given;
        }
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(tongyi + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("username", "tongyi-writer",
                        "password", env.getOrDefault("KPI_DEV_PASSWORD", "kpi-dev"))))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("signing in to tongyi-service as tongyi-writer answered " + login.statusCode()
                    + "; outside development give a TONGYI_WRITER token in TONGYI_TOKEN");
        }
        return json.readTree(login.body()).path("access_token").asText();
    }

    /** The next page's URL of a {@code Link} header, or null on the last page. */
    static String nextOf(String link) {
        Matcher m = NEXT.matcher(link);
        return m.find() ? m.group(1) : null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
