package aikpi.gateway.targets;

import aikpi.security.audit.AuditedWrite;
import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.targets.Target.QualityFloor;
import aikpi.platform.problem.NotFoundException;
import aikpi.platform.store.Transactions;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sets and reads targets. A changed target is a new version (the next number, who set it and when); nothing is
 * overwritten. A PUT of what is already the current target is a no-op answering that version, so a retried request
 * never makes a second version. Two replicas writing the same target at once meet on the version's primary key; the
 * loser's transaction is run again and becomes the version after the winner's (or a no-op, if it said the same).
 */
@Singleton
public class TargetService {

    /** A PUT's outcome: the target now current, and whether this request made it. */
    public record Outcome(Target target, boolean created, boolean changed) implements AuditedResult {
        @Override
        public AuditCounts auditCounts() {
            if (!changed) {
                return new AuditCounts(1L, 0L, 1L, "UNCHANGED");
            }
            return AuditCounts.single(created);
        }
    }

    private final TargetRepository repository;
    private final TargetRules rules;
    private final Transactions transactions;
    private final Clock clock;

    public TargetService(TargetRepository repository, TargetRules rules, Transactions transactions, Clock clock) {
        this.repository = repository;
        this.rules = rules;
        this.transactions = transactions;
        this.clock = clock;
    }

    @AuditedWrite
    public Outcome put(int fiscalYear, String scope, String kpiId, TargetRequest request, String setBy) {
        KpiDefinition kpi = rules.check(scope, kpiId, request);
        return transactions.write(connection -> {
            Optional<TargetVersion> current = repository
                    .findFirstByFiscalYearAndScopeAndKpiIdOrderByVersionDesc(fiscalYear, scope, kpi.id());
            if (current.isPresent() && sameTarget(current.get(), request)) {
                return new Outcome(Target.of(current.get()), false, false);
            }
            int version = current.map(v -> v.version() + 1).orElse(1);
            QualityFloor floor = request.qualityFloor();
            TargetVersion stored = repository.save(new TargetVersion(
                    TargetVersion.idOf(fiscalYear, scope, kpi.id(), version), fiscalYear, scope, kpi.id(), version,
                    request.target(), request.direction().name(), request.weight(), request.period().name(),
                    floor == null ? null : floor.kpiId(), floor == null ? null : floor.min(),
                    floor == null ? null : floor.max(), request.note(), setBy,
                    Instant.now(clock).truncatedTo(ChronoUnit.MICROS)));
            return new Outcome(Target.of(stored), current.isEmpty(), true);
        });
    }

    private static boolean sameTarget(TargetVersion v, TargetRequest r) {
        QualityFloor floor = r.qualityFloor();
        return same(v.target(), r.target()) && v.direction().equals(r.direction().name())
                && same(v.weight(), r.weight()) && v.targetPeriod().equals(r.period().name())
                && Objects.equals(v.floorKpiId(), floor == null ? null : floor.kpiId())
                && same(v.floorMin(), floor == null ? null : floor.min())
                && same(v.floorMax(), floor == null ? null : floor.max())
                && Objects.equals(v.note(), r.note());
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    public Target get(int fiscalYear, String scope, String kpiId) {
        return repository.findFirstByFiscalYearAndScopeAndKpiIdOrderByVersionDesc(fiscalYear, scope, kpiId)
                .map(Target::of)
                .orElseThrow(() -> new NotFoundException("target", FiscalYears.label(fiscalYear) + "/" + scope + "/" + kpiId));
    }

    public List<Target> history(int fiscalYear, String scope, String kpiId) {
        List<Target> versions = repository.findByFiscalYearAndScopeAndKpiIdOrderByVersion(fiscalYear, scope, kpiId)
                .stream().map(Target::of).toList();
        if (versions.isEmpty()) {
            throw new NotFoundException("target", FiscalYears.label(fiscalYear) + "/" + scope + "/" + kpiId);
        }
        return versions;
    }

    /** The current targets of a fiscal year, by scope and KPI. */
    public List<Target> of(int fiscalYear) {
        return repository.currentOf(fiscalYear).stream().map(Target::of).toList();
    }

    /** The current targets of one scope in a fiscal year. */
    public List<Target> of(int fiscalYear, String scope) {
        rules.checkScope(scope);
        return of(fiscalYear).stream().filter(t -> t.scope().equals(scope)).toList();
    }

    /** Every target version of a fiscal year set after {@code after}, oldest first. */
    public List<Target> setAfter(int fiscalYear, Instant after) {
        return repository.findByFiscalYearAndSetAtGreaterThanOrderBySetAt(fiscalYear, after).stream()
                .map(Target::of).toList();
    }
}
