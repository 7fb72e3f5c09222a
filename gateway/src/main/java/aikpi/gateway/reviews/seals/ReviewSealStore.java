package aikpi.gateway.reviews.seals;

import aikpi.gateway.reviews.Review;
import aikpi.gateway.sources.Source;
import aikpi.platform.store.StoreException;
import aikpi.platform.store.Transactions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sealed reviews ({@code review_seal}): appended, never updated or deleted. A version is stored only if no other
 * seal took its number first ({@code ON CONFLICT DO NOTHING} on the primary key), so two replicas sealing the same
 * period at once make one new version, and the other learns it.
 */
@Singleton
public class ReviewSealStore {

    private static final String COLUMNS = "period, version, sealed_at, sealed_by, reason, forced, "
            + "tongyi_version, tongyi_through, tongyi_final, quark_version, quark_through, quark_final, "
            + "billing_version, billing_through, billing_final, review";
    private static final Map<Source, String> PREFIX = Map.of(Source.TONGYI, "tongyi", Source.QUARK, "quark",
            Source.BILLING, "billing");

    /** One stored version, without its review. */
    @Serdeable
    public record Summary(String period, int version, Instant sealedAt, String sealedBy, @Nullable String reason,
                          boolean forced) {
    }

    private final Transactions transactions;
    private final ObjectMapper json;

    public ReviewSealStore(Transactions transactions, ObjectMapper json) {
        this.transactions = transactions;
        this.json = json;
    }

    /** The highest sealed version of a period, 0 when it was never sealed. */
    public int lastVersion(String period) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM review_seal WHERE period = ?")) {
                ps.setString(1, period);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Stores {@code seal} on {@code c} unless its version exists already; whether it was stored. */
    boolean append(Connection c, ReviewSeal seal) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO review_seal (" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            int i = 1;
            ps.setString(i++, seal.period());
            ps.setInt(i++, seal.version());
            ps.setObject(i++, utc(seal.sealedAt()));
            ps.setString(i++, seal.sealedBy());
            ps.setString(i++, seal.reason());
            ps.setBoolean(i++, seal.forced());
            for (Source s : Source.values()) {
                SealedSource sealed = seal.sources().get(s.serviceId());
                ps.setString(i++, sealed.dataVersion());
                ps.setObject(i++, sealed.dataThrough(), Types.DATE);
                ps.setBoolean(i++, sealed.isFinal());
            }
            ps.setString(i, write(seal.review()));
            return ps.executeUpdate() == 1;
        }
    }

    /** A period's sealed version, or its latest when {@code version} is null. */
    public Optional<ReviewSeal> find(String period, @Nullable Integer version) {
        return transactions.read(c -> {
            String sql = "SELECT " + COLUMNS + " FROM review_seal WHERE period = ? "
                    + (version == null ? "ORDER BY version DESC LIMIT 1" : "AND version = ?");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, period);
                if (version != null) {
                    ps.setInt(2, version);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(seal(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Every sealed version of a period, oldest first. */
    public List<Summary> versions(String period) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT period, version, sealed_at, sealed_by, reason, forced "
                    + "FROM review_seal WHERE period = ? ORDER BY version")) {
                ps.setString(1, period);
                List<Summary> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Summary(rs.getString(1), rs.getInt(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                                rs.getString(4), rs.getString(5), rs.getBoolean(6)));
                    }
                }
                return out;
            }
        });
    }

    private ReviewSeal seal(ResultSet rs) throws SQLException {
        Map<String, SealedSource> sources = new LinkedHashMap<>();
        for (Source s : Source.values()) {
            String p = PREFIX.get(s);
            sources.put(s.serviceId(), new SealedSource(rs.getString(p + "_version"),
                    rs.getObject(p + "_through", LocalDate.class), rs.getBoolean(p + "_final")));
        }
        return new ReviewSeal(rs.getString("period"), rs.getInt("version"), rs.getObject("sealed_at", OffsetDateTime.class).toInstant(),
                rs.getString("sealed_by"), rs.getString("reason"), rs.getBoolean("forced"), sources,
                read(rs.getString("review")));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private String write(Review review) {
        try {
            return json.writeValueAsString(review);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Review read(String text) {
        try {
            return json.readValue(text, Review.class);
        } catch (IOException e) {
            throw new StoreException(new SQLException("A sealed review could not be read back: " + e.getMessage(), e));
        }
    }
}
