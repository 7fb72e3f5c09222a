package aikpi.billing.vouchers;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Vouchers. Every write is guarded in its SQL: an amendment keeps the drawn history true ({@link #updateTerms}), and
 * the ledger store draws a voucher down by a guarded update of its own.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface VoucherRepository extends CrudRepository<Voucher, String> {

    /** A page of the voucher list by keyset: the vouchers after {@code after}, in id order. */
    List<Voucher> findByVoucherIdGreaterThanOrderByVoucherId(String after, Pageable page);

    List<Voucher> findByCustomerIdAndVoucherIdGreaterThanOrderByVoucherId(String customerId, String after, Pageable page);


    /**
     * Replaces a voucher's terms unless that would make its drawn history false: the amount may not drop below what
     * was drawn, and a voucher drawn on keeps its customer. Both rules are in the WHERE clause, so a drawdown racing
     * with the amendment cannot slip between check and write. Answers the rows changed (0: absent or refused).
     */
    @Query("""
            UPDATE voucher SET customer_id = :customerId, customer_kind = :customerKind, amount_cny = :amountCny,
                   issued_on = :issuedOn, expires_on = :expiresOn, updated_at = :updatedAt
            WHERE voucher_id = :voucherId AND drawn_cny <= :amountCny AND (drawn_cny = 0 OR customer_id = :customerId)""")
    int updateTerms(String voucherId, String customerId, String customerKind, BigDecimal amountCny, LocalDate issuedOn,
                    LocalDate expiresOn, Instant updatedAt);

    /** Issues a voucher, nothing drawn, unless it exists already; answers the rows inserted (0 or 1). */
    @Query("""
            INSERT INTO voucher (voucher_id, customer_id, customer_kind, amount_cny, drawn_cny, issued_on, expires_on,
                                 updated_at)
            VALUES (:voucherId, :customerId, :customerKind, :amountCny, 0, :issuedOn, :expiresOn, :updatedAt)
            ON CONFLICT DO NOTHING""")
    int insertIfAbsent(String voucherId, String customerId, String customerKind, BigDecimal amountCny,
                       LocalDate issuedOn, LocalDate expiresOn, Instant updatedAt);
}
