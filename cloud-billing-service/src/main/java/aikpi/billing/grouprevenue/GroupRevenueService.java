package aikpi.billing.grouprevenue;

import aikpi.platform.problem.NotFoundException;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Reported group and cloud revenue per quarter; a re-sent quarter (by either of its names) replaces the figures. */
@Singleton
public class GroupRevenueService {

    private final GroupRevenueRepository reports;
    private final Clock clock;

    public GroupRevenueService(GroupRevenueRepository reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    /** The stored quarter and whether this call created it (rather than replacing earlier figures). */
    public record Stored(GroupRevenue revenue, boolean created) {
    }

    @Transactional
    public Stored put(String quarterText, GroupRevenueRequest request) {
        Period quarter = GroupRevenueRules.quarter(quarterText);
        GroupRevenueRules.check(request);
        GroupRevenue revenue = new GroupRevenue(quarter.label(), quarter.firstDay(), quarter.lastDay(),
                Money.cny(request.groupRevenueCny()), Money.cny(request.cloudRevenueCny()), request.source().trim(),
                clock.instant());
        // Update first, insert if absent, update again if a concurrent first PUT won the insert: no unique
        // violation surfaces, and the last writer's figures stand.
        boolean created = false;
        if (update(revenue) == 0) {
            created = insert(revenue) == 1;
            if (!created) {
                update(revenue);
            }
        }
        return new Stored(revenue, created);
    }

    public GroupRevenue get(String quarterText) {
        Period quarter = GroupRevenueRules.quarter(quarterText);
        return find(quarter).orElseThrow(() -> new NotFoundException("group revenue for quarter", quarter.label()));
    }

    /** The figures reported for a quarter (named either way), if any. */
    public Optional<GroupRevenue> find(Period quarter) {
        return reports.findById(quarter.asCalendarQuarter().label());
    }

    public List<GroupRevenue> list() {
        return reports.findAllOrderByFirstDay();
    }

    private int update(GroupRevenue r) {
        return reports.updateFigures(r.quarter(), r.groupRevenueCny(), r.cloudRevenueCny(), r.source(), r.updatedAt());
    }

    private int insert(GroupRevenue r) {
        return reports.insertIfAbsent(r.quarter(), r.firstDay(), r.lastDay(), r.groupRevenueCny(), r.cloudRevenueCny(),
                r.source(), r.updatedAt());
    }
}
