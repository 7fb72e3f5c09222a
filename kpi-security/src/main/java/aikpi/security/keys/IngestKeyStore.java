package aikpi.security.keys;

import aikpi.platform.store.Transactions;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code ingest_key} table ({@link IngestKeyMigration}): keys by their keyed hash, their scope and history. */
@Singleton
@Requires(bean = Transactions.class)
public class IngestKeyStore {

    private static final String COLUMNS = "id, name, streams, creator, created_at, expires_at, last_used_at, revoked_at";

    private final Transactions transactions;

    public IngestKeyStore(Transactions transactions) {
        this.transactions = transactions;
    }

    void insert(IngestKey key, String hash) {
        transactions.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_key (id, name, streams, creator,"
                    + " created_at, expires_at, key_hash) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, key.id());
                s.setString(2, key.name());
                s.setString(3, String.join(",", key.streams()));
                s.setString(4, key.creator());
                s.setObject(5, utc(key.createdAt()));
                if (key.expiresAt() == null) {
                    s.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    s.setObject(6, utc(key.expiresAt()));
                }
                s.setString(7, hash);
                return s.executeUpdate();
            }
        });
    }

    /** The key with this hash: one look-up by a unique index, made for every request a key sends. */
    Optional<IngestKey> byHash(String hash) {
        return transactions.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ingest_key WHERE key_hash = ?")) {
                s.setString(1, hash);
                List<IngestKey> keys = keys(s);
                return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
            }
        });
    }

    /** Every key, the newest first. */
    List<IngestKey> all() {
        return transactions.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ingest_key ORDER BY created_at DESC, id")) {
                return keys(s);
            }
        });
    }

    /** Revokes a key (its first revocation stands); false when no key has this id. */
    boolean revoke(String id, Instant at) {
        return transactions.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE ingest_key SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")) {
                s.setObject(1, utc(at));
                s.setString(2, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Records a use; never moves it back (replicas touch the same key). */
    void touch(String id, Instant at) {
        transactions.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE ingest_key SET last_used_at = ? WHERE id = ?"
                    + " AND (last_used_at IS NULL OR last_used_at < ?)")) {
                s.setObject(1, utc(at));
                s.setString(2, id);
                s.setObject(3, utc(at));
                return s.executeUpdate();
            }
        });
    }

    private static List<IngestKey> keys(PreparedStatement s) throws SQLException {
        List<IngestKey> keys = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                keys.add(new IngestKey(r.getString(1), r.getString(2), Arrays.asList(r.getString(3).split(",")),
                        r.getString(4), instant(r, 5), instant(r, 6), instant(r, 7), instant(r, 8)));
            }
        }
        return keys;
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    @Nullable
    private static Instant instant(ResultSet r, int index) throws SQLException {
        OffsetDateTime at = r.getObject(index, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
