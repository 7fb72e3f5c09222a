package aikpi.testing.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID Connect provider for tests, behaving as the group's would (Keycloak's paths): a discovery document and a
 * JWKS over HTTP, RS256 and ES256 access tokens (nimbus-jose-jwt), key rotation, the client-credentials grant for the
 * services' own accounts, and the authorization-code grant with PKCE (a sign-in page) for the dashboard. Tests also
 * forge the tokens an attacker would send: expired, another issuer or audience, a key the set does not hold,
 * {@code alg: none}, HS256 signed with the provider's public key.
 *
 * <p>Runs on the loopback interface in the test's JVM; the services reach it over HTTP like any provider.
 */
public final class TestIdentityProvider implements AutoCloseable {

    /** The realm path, as Keycloak names its issuers ({@code <server>/realms/<realm>}). */
    public static final String REALM = "/realms/group";
    private static final String OIDC = REALM + "/protocol/openid-connect";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user who signs in through the page (authorization-code grant). */
    public record User(String username, String password, List<String> roles, String businessUnit) {
    }

    /** A client: confidential (a secret, roles for its service account) or public (the redirect URIs it may use). */
    public record RegisteredClient(String id, String secret, List<String> roles, List<String> redirectUris) {
    }

    private record Code(String clientId, String redirectUri, String challenge, String nonce, User user, Instant expires) {
    }

    private final HttpServer server;
    private final String base;
    private final List<RSAKey> rsaKeys = new CopyOnWriteArrayList<>();
    private final ECKey ecKey;
    private volatile RSAKey signingKey;
    private volatile String audience = "kpi-suite";
    private volatile String rolesClaim = "roles";
    private volatile String businessUnitClaim = "businessUnit";
    private volatile Duration accessTokenLifetime = Duration.ofMinutes(5);
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final AtomicInteger jwksReads = new AtomicInteger();
    private final AtomicInteger discoveryReads = new AtomicInteger();
    private final Map<String, AtomicInteger> tokensIssued = new ConcurrentHashMap<>();

    private TestIdentityProvider(HttpServer server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.getAddress().getPort();
        this.signingKey = newRsaKey("rsa-1");
        rsaKeys.add(signingKey);
        try {
            this.ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server.createContext(REALM + "/.well-known/openid-configuration", this::discovery);
        server.createContext(OIDC + "/certs", this::jwks);
        server.createContext(OIDC + "/token", this::token);
        server.createContext(OIDC + "/auth", this::authorize);
        server.createContext(OIDC + "/logout", this::logout);
    }

    /** Starts a provider on a free port of the loopback interface. */
    public static TestIdentityProvider start() {
        return start(0);
    }

    /** Starts a provider on the given port of the loopback interface (0: any free port). */
    public static TestIdentityProvider start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "test-identity-provider");
                t.setDaemon(true);
                return t;
            }));
            TestIdentityProvider provider = new TestIdentityProvider(server);
            server.start();
            return provider;
        } catch (IOException e) {
            throw new IllegalStateException("The test identity provider cannot listen: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- what the services are told --------------------------------------------------------------------------

    /** The issuer: {@code KPI_OIDC_ISSUER}. */
    public String issuer() {
        return base + REALM;
    }

    /** The key set's URL ({@code jwks_uri}). */
    public String jwksUrl() {
        return base + OIDC + "/certs";
    }

    public String tokenEndpoint() {
        return base + OIDC + "/token";
    }

    public String authorizationEndpoint() {
        return base + OIDC + "/auth";
    }

    /** The audience its access tokens carry ({@code kpi-suite} unless set): {@code KPI_OIDC_AUDIENCE}. */
    public String audience() {
        return audience;
    }

    public TestIdentityProvider audience(String audience) {
        this.audience = audience;
        return this;
    }

    /** Where issued tokens carry the roles: {@code roles}, or a path such as Keycloak's {@code realm_access.roles}. */
    public TestIdentityProvider rolesClaim(String path) {
        this.rolesClaim = path;
        return this;
    }

    /** Where issued tokens carry a lead's business unit ({@code businessUnit} unless set). */
    public TestIdentityProvider businessUnitClaim(String path) {
        this.businessUnitClaim = path;
        return this;
    }

    public TestIdentityProvider accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
        return this;
    }

    /** Registers a confidential client whose service account holds these roles (client-credentials grant). */
    public TestIdentityProvider client(String id, String secret, String... roles) {
        clients.put(id, new RegisteredClient(id, secret, List.of(roles), List.of()));
        return this;
    }

    /** Registers a public client (the dashboard) that may be sent back to exactly these redirect URIs. */
    public TestIdentityProvider publicClient(String id, String... redirectUris) {
        clients.put(id, new RegisteredClient(id, null, List.of(), List.of(redirectUris)));
        return this;
    }

    /** Registers a user who signs in through the page; {@code businessUnit} may be null. */
    public TestIdentityProvider user(String username, String password, List<String> roles, String businessUnit) {
        users.put(username, new User(username, password, List.copyOf(roles), businessUnit));
        return this;
    }

    // ---- keys --------------------------------------------------------------------------------------------------

    public String rsaKeyId() {
        return signingKey.getKeyID();
    }

    public String ecKeyId() {
        return ecKey.getKeyID();
    }

    /** Rotates the RSA signing key: a new key is published and signs from now on; the old one stays published. */
    public String rotate() {
        RSAKey next = newRsaKey("rsa-" + (rsaKeys.size() + 1));
        rsaKeys.add(next);
        signingKey = next;
        return next.getKeyID();
    }

    /** Stops publishing a key: tokens it signed are no longer valid anywhere that reads the set again. */
    public void retire(String keyId) {
        rsaKeys.removeIf(k -> k.getKeyID().equals(keyId));
    }

    /** How many times the key set has been read. */
    public int jwksReads() {
        return jwksReads.get();
    }

    public int discoveryReads() {
        return discoveryReads.get();
    }

    /** How many access tokens the token endpoint has issued to a client. */
    public int tokensIssuedTo(String clientId) {
        return tokensIssued.getOrDefault(clientId, new AtomicInteger()).get();
    }

    private static RSAKey newRsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The published key set (public keys only). */
    public JWKSet publicKeys() {
        List<JWK> keys = new ArrayList<>();
        rsaKeys.forEach(k -> keys.add(k.toPublicJWK()));
        keys.add(ecKey.toPublicJWK());
        return new JWKSet(keys);
    }

    // ---- tokens tests make -------------------------------------------------------------------------------------

    /** An access token for a subject, built as the provider would issue it; change what a case needs, then sign. */
    public Token token(String subject) {
        return new Token(subject);
    }

    /** A token with every suite role the roles name, in this provider's claims. */
    public String tokenWithRoles(String subject, String... roles) {
        return token(subject).roles(roles).sign();
    }

    /** One access token under construction. */
    public final class Token {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private JWSAlgorithm algorithm = JWSAlgorithm.RS256;
        private JWK key;

        private Token(String subject) {
            Instant now = Instant.now();
            claims.put("iss", TestIdentityProvider.this.issuer());
            claims.put("sub", subject);
            claims.put("aud", List.of(audience));
            claims.put("iat", Date.from(now));
            claims.put("exp", Date.from(now.plus(accessTokenLifetime)));
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("typ", "Bearer");
        }

        public Token roles(String... roles) {
            put(claims, rolesClaim, List.of(roles));
            return this;
        }

        public Token businessUnit(String unit) {
            put(claims, businessUnitClaim, unit);
            return this;
        }

        public Token issuer(String issuer) {
            claims.put("iss", issuer);
            return this;
        }

        public Token audience(String... audiences) {
            claims.put("aud", List.of(audiences));
            return this;
        }

        public Token expiresAt(Instant expires) {
            claims.put("exp", Date.from(expires));
            return this;
        }

        public Token withoutExpiry() {
            claims.remove("exp");
            return this;
        }

        public Token notBefore(Instant notBefore) {
            claims.put("nbf", Date.from(notBefore));
            return this;
        }

        public Token claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        /** Signed with the provider's EC key (ES256) instead of its RSA key. */
        public Token es256() {
            algorithm = JWSAlgorithm.ES256;
            key = ecKey;
            return this;
        }

        /** Signed with a key of the right kind whose id the provider does not publish. */
        public Token keyNotInSet() {
            key = newRsaKey("not-published");
            return this;
        }

        /** Signed with the provider's RSA key. */
        public String sign() {
            JWK signer = key != null ? key : signingKey;
            try {
                JWSSigner s = signer instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) signer);
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(signer.getKeyID())
                        .type(JOSEObjectType.JWT).build(), claimsSet());
                jwt.sign(s);
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The same claims unsigned: {@code alg: none}. */
        public String unsigned() {
            return new PlainJWT(claimsSet()).serialize();
        }

        /**
         * The classic key confusion: HS256, with the provider's RSA public key (as published) as the HMAC secret, so a
         * verifier that takes the algorithm from the token and the key from the set would accept it.
         */
        public String hs256WithThePublicKey() {
            try {
                byte[] secret = signingKey.toPublicJWK().toRSAPublicKey().getEncoded();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.getKeyID())
                        .build(), claimsSet());
                jwt.sign(new MACSigner(secret));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** HS256 with any secret (such as the suite's own development secret). */
        public String hs256(String secret) {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claimsSet());
                jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private JWTClaimsSet claimsSet() {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            claims.forEach(builder::claim);
            return builder.build();
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> claims, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = claims;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        at.put(parts[parts.length - 1], value);
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    private void discovery(HttpExchange exchange) throws IOException {
        discoveryReads.incrementAndGet();
        String json = "{\"issuer\":\"" + issuer() + "\",\"authorization_endpoint\":\"" + authorizationEndpoint()
                + "\",\"token_endpoint\":\"" + tokenEndpoint() + "\",\"jwks_uri\":\"" + jwksUrl()
                + "\",\"end_session_endpoint\":\"" + base + OIDC + "/logout\""
                + ",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"]"
                + ",\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]"
                + ",\"grant_types_supported\":[\"authorization_code\",\"client_credentials\"]"
                + ",\"code_challenge_methods_supported\":[\"S256\"]"
                + ",\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"client_secret_post\"]}";
        send(exchange, 200, "application/json", json);
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksReads.incrementAndGet();
        send(exchange, 200, "application/json", publicKeys().toString());
    }

    private void token(HttpExchange exchange) throws IOException {
        allowBrowsers(exchange);
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "POST");
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, Authorization");
            send(exchange, 204, null, null);
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "invalid_request", "POST only");
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String grant = form.getOrDefault("grant_type", "");
        switch (grant) {
            case "client_credentials" -> clientCredentials(exchange, form);
            case "authorization_code" -> authorizationCode(exchange, form);
            default -> error(exchange, 400, "unsupported_grant_type", grant);
        }
    }

    private void clientCredentials(HttpExchange exchange, Map<String, String> form) throws IOException {
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        RegisteredClient client = clientId == null ? null : clients.get(clientId);
        if (client == null || client.secret() == null || !client.secret().equals(secret)) {
            error(exchange, 401, "invalid_client", "unknown client or wrong secret");
            return;
        }
        Token token = token(client.id()).roles(client.roles().toArray(String[]::new)).claim("azp", client.id());
        tokensIssued.computeIfAbsent(client.id(), k -> new AtomicInteger()).incrementAndGet();
        send(exchange, 200, "application/json", "{\"access_token\":\"" + token.sign() + "\",\"token_type\":\"Bearer\""
                + ",\"expires_in\":" + accessTokenLifetime.toSeconds() + "}");
    }

    private void authorizationCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        Code code = codes.remove(form.getOrDefault("code", ""));
        if (code == null || code.expires().isBefore(Instant.now()) || !code.clientId().equals(form.get("client_id"))
                || !code.redirectUri().equals(form.get("redirect_uri"))
                || !code.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
            error(exchange, 400, "invalid_grant", "unknown, used or expired code, or a wrong redirect URI or verifier");
            return;
        }
        User user = code.user();
        Token access = token(user.username()).roles(user.roles().toArray(String[]::new)).claim("azp", code.clientId());
        if (user.businessUnit() != null) {
            access.businessUnit(user.businessUnit());
        }
        Token id = token(user.username()).audience(code.clientId()).claim("typ", "ID")
                .claim("preferred_username", user.username());
        if (code.nonce() != null) {
            id.claim("nonce", code.nonce());
        }
        tokensIssued.computeIfAbsent(code.clientId(), k -> new AtomicInteger()).incrementAndGet();
        send(exchange, 200, "application/json", "{\"access_token\":\"" + access.sign() + "\",\"id_token\":\""
                + id.sign() + "\",\"token_type\":\"Bearer\",\"expires_in\":" + accessTokenLifetime.toSeconds() + "}");
    }

    /** The sign-in page (GET) and its form (POST): checks the request like a provider, then the user's password. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> params = "POST".equals(exchange.getRequestMethod())
                ? form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                : form(exchange.getRequestURI().getRawQuery());
        RegisteredClient client = clients.get(params.getOrDefault("client_id", ""));
        String redirect = params.get("redirect_uri");
        if (client == null || redirect == null || !client.redirectUris().contains(redirect)) {
            // Never redirect to an address the client did not register.
            send(exchange, 400, "text/plain", "unknown client or redirect URI");
            return;
        }
        if (!"code".equals(params.get("response_type")) || !"S256".equals(params.get("code_challenge_method"))
                || params.getOrDefault("code_challenge", "").isBlank()) {
            redirect(exchange, redirect + "?error=invalid_request&state=" + enc(params.getOrDefault("state", "")));
            return;
        }
        if ("POST".equals(exchange.getRequestMethod())) {
            User user = users.get(params.getOrDefault("username", ""));
            if (user != null && user.password().equals(params.get("password"))) {
                String code = random();
                codes.put(code, new Code(client.id(), redirect, params.get("code_challenge"), params.get("nonce"), user,
                        Instant.now().plusSeconds(60)));
                redirect(exchange, redirect + "?code=" + enc(code) + "&state=" + enc(params.getOrDefault("state", "")));
                return;
            }
            page(exchange, params, "Invalid username or password.");
            return;
        }
        page(exchange, params, null);
    }

    private void page(HttpExchange exchange, Map<String, String> params, String error) throws IOException {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
                "code_challenge", "code_challenge_method")) {
            if (params.containsKey(name)) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(html(params.get(name))).append("\">");
            }
        }
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>Sign in to group</title></head><body>"
                + "<h1 id=\"kc-page-title\">Sign in to group</h1>"
                + (error == null ? "" : "<p id=\"input-error\">" + html(error) + "</p>")
                + "<form id=\"kc-form-login\" method=\"post\" action=\"" + OIDC + "/auth\">" + hidden
                + "<label>Username <input id=\"username\" name=\"username\"></label>"
                + "<label>Password <input id=\"password\" name=\"password\" type=\"password\"></label>"
                + "<input id=\"kc-login\" type=\"submit\" value=\"Sign In\"></form></body></html>";
        send(exchange, 200, "text/html; charset=utf-8", page);
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> params = form(exchange.getRequestURI().getRawQuery());
        RegisteredClient client = clients.get(params.getOrDefault("client_id", ""));
        String back = params.get("post_logout_redirect_uri");
        if (client != null && back != null && client.redirectUris().contains(back)) {
            redirect(exchange, back);
            return;
        }
        send(exchange, 200, "text/plain", "signed out");
    }

    private static void allowBrowsers(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
            exchange.getResponseHeaders().add("Vary", "Origin");
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String description) throws IOException {
        send(exchange, status, "application/json", "{\"error\":\"" + code + "\",\"error_description\":\""
                + description.replace("\"", "'") + "\"}");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        send(exchange, 302, null, null);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The PKCE S256 challenge of a verifier. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
