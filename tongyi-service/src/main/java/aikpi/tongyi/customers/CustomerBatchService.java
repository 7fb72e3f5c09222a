package aikpi.tongyi.customers;

import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import aikpi.platform.problem.BatchErrors;
import aikpi.vocabulary.Slug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Onboarding sync from the model platform: customers arrive by the thousand, so they can be upserted in one
 * atomic batch (every bad item named, nothing stored) as well as one by one.
 */
@Singleton
public class CustomerBatchService {

    static final int MAX_BATCH = 10_000;

    private final CustomerRepository customers;
    private final OnboardingCountStore onboarding;

    public CustomerBatchService(CustomerRepository customers, OnboardingCountStore onboarding) {
        this.customers = customers;
        this.onboarding = onboarding;
    }

    /** One customer of a batch: the id and the fields of {@code PUT /api/v1/customers/{customerId}}. */
    @Serdeable
    public record CustomerItem(@Nullable String customerId, @Nullable String name, @Nullable CustomerKind kind,
                               @Nullable String businessUnit, @Nullable LocalDate onboardedOn) {
    }

    @Serdeable
    public record UpsertResult(int created, int updated) implements AuditedResult {
        @Override
        public AuditCounts auditCounts() {
            return new AuditCounts((long) created + updated, (long) created + updated, 0L, "UPSERTED");
        }
    }

    /** A stored customer and whether it was new. */
    public record Stored(Customer customer, boolean created) {
    }

    /** One customer, created or replaced. */
    @Transactional
    public Stored put(Customer customer) {
        Customer before = customers.findById(customer.customerId()).orElse(null);
        OnboardingCountStore.Changes counts = new OnboardingCountStore.Changes();
        counts.stored(before, customer);
        Customer stored = before == null ? customers.save(customer) : customers.update(customer);
        onboarding.apply(counts);
        return new Stored(stored, before == null);
    }

    @Transactional
    public UpsertResult upsert(List<CustomerItem> batch) {
        BatchErrors.checkSize(batch, MAX_BATCH);
        BatchErrors errors = new BatchErrors();
        Map<String, Customer> byId = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            CustomerItem c = batch.get(i);
            if (c == null) {
                errors.add(i, null, "item", "is null");
                continue;
            }
            String id = c.customerId();
            if (errors.require(i, id, "customerId", id) && !Slug.isValid(id)) {
                errors.add(i, id, "customerId", "must be a lower-case slug of at most 64 characters");
            }
            if (errors.require(i, id, "name", c.name()) && c.name().length() > 200) {
                errors.add(i, id, "name", "is longer than 200 characters");
            }
            errors.require(i, id, "kind", c.kind());
            errors.requireDate(i, id, "onboardedOn", c.onboardedOn());
            if (c.kind() == CustomerKind.INTERNAL && !Slug.isValid(c.businessUnit())) {
                errors.add(i, id, "businessUnit", "an INTERNAL customer is a business unit: give its id");
            } else if (c.kind() != null && c.kind() != CustomerKind.INTERNAL && c.businessUnit() != null) {
                errors.add(i, id, "businessUnit", "only an INTERNAL customer has a businessUnit");
            }
            if (id != null && byId.containsKey(id)) {
                errors.add(i, id, "customerId", "appears twice in this batch");
            }
            if (errors.isEmpty()) {
                byId.put(id, new Customer(id, c.name(), c.kind(), c.businessUnit(), c.onboardedOn()));
            }
        }
        errors.throwIfAny();
        Map<String, Customer> existing = new HashMap<>();
        customers.findByCustomerIdInList(byId.keySet()).forEach(c -> existing.put(c.customerId(), c));
        List<Customer> fresh = new ArrayList<>();
        List<Customer> changed = new ArrayList<>();
        OnboardingCountStore.Changes counts = new OnboardingCountStore.Changes();
        for (Customer c : byId.values()) {
            (existing.containsKey(c.customerId()) ? changed : fresh).add(c);
            counts.stored(existing.get(c.customerId()), c);
        }
        customers.saveAll(fresh);
        customers.updateAll(changed);
        onboarding.apply(counts);
        return new UpsertResult(fresh.size(), changed.size());
    }
}
