package aikpi.security.audit;

import aikpi.platform.store.Transactions;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
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

/**
 * The {@code audit_event} table every storing service has (its own Flyway migration): rows are only ever inserted,
 * in the transaction of the write they record, and read by time and subject.
 */
@Singleton
@Requires(bean = Transactions.class)
public class AuditStore {

    private final Transactions transactions;

    public AuditStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Inserts one row on the write's own connection, so it commits or rolls back with the write. */
    void insert(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_event (at, subject, roles, method, path, items,"
                + " accepted, duplicates, outcome, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, utc(e.at()));
            s.setString(2, e.subject());
            s.setString(3, String.join(",", e.roles()));
            s.setString(4, e.method());
            s.setString(5, e.path());
            setLong(s, 6, e.items());
            setLong(s, 7, e.accepted());
            setLong(s, 8, e.duplicates());
            s.setString(9, e.outcome());
            s.setString(10, e.requestId());
            s.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement s, int index, @Nullable Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    /** The rows from {@code from} (inclusive) to {@code to} (exclusive), newest first, at most {@code limit}. */
    public List<AuditEntry> find(Instant from, Instant to, @Nullable String subject, int limit) {
        return transactions.read(c -> {
            String sql = "SELECT at, subject, roles, method, path, items, accepted, duplicates, outcome, request_id"
                    + " FROM audit_event WHERE at >= ? AND at < ?" + (subject == null ? "" : " AND subject = ?")
                    + " ORDER BY at DESC, id DESC LIMIT ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setObject(i++, utc(from));
                s.setObject(i++, utc(to));
                if (subject != null) {
                    s.setString(i++, subject);
                }
                s.setInt(i, limit);
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String roles = r.getString(3);
                        entries.add(new AuditEntry(r.getObject(1, OffsetDateTime.class).toInstant(), r.getString(2),
                                roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), r.getString(4),
                                r.getString(5), getLong(r, 6), getLong(r, 7), getLong(r, 8), r.getString(9),
                                r.getString(10)));
                    }
                }
                return entries;
            }
        });
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Long getLong(ResultSet r, int index) throws SQLException {
        long value = r.getLong(index);
        return r.wasNull() ? null : value;
    }
}
