package aikpi.gateway.notify.subscriptions;

import aikpi.gateway.notify.subscriptions.SubscriptionRules.Checked;
import aikpi.gateway.notify.subscriptions.SubscriptionWriter.Stored;
import aikpi.gateway.scorecards.BusinessUnitController;
import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.platform.problem.NotFoundException;
import aikpi.platform.store.Transactions;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The subscriptions and who may see or change each: an executive every one; a unit's lead only those whose every
 * scope is its own unit (so a lead never sees where the group's or another unit's notices go), and subscribes only
 * its own unit; every other caller none.
 */
@Singleton
public class Subscriptions {

    private final SubscriptionRules rules;
    private final SubscriptionSecrets secrets;
    private final SubscriptionStore store;
    private final SubscriptionWriter writer;
    private final Transactions transactions;
    private final Clock clock;

    public Subscriptions(SubscriptionRules rules, SubscriptionSecrets secrets, SubscriptionStore store,
                         SubscriptionWriter writer, Transactions transactions, Clock clock) {
        this.rules = rules;
        this.secrets = secrets;
        this.store = store;
        this.writer = writer;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Whether {@code caller} may see and change a subscription to these scopes. */
    public static boolean mayHandle(Authentication caller, List<String> scopes) {
        return !scopes.isEmpty() && scopes.stream().allMatch(s -> BusinessUnitController.mayRead(caller, s));
    }

    /** Creates or replaces subscription {@code id}; a generated webhook secret is in the answer, this once. */
    public Stored put(String id, SubscriptionRequest request, Authentication caller) {
        Checked checked = rules.check(id, request);
        if (!mayHandle(caller, checked.scopes())) {
            throw new AuthorizationException(caller);
        }
        // Generated (and sealed) outside the transaction: a retried transaction keeps the same secret.
        String generated = checked.secret() == null && checked.channel().equals(SubscriptionRules.WEBHOOK)
                ? rules.newWebhookSecret() : null;
        String sealedGiven = checked.secret() == null ? null : secrets.seal(id, checked.secret());
        String sealedGenerated = generated == null ? null : secrets.seal(id, generated);
        Instant now = clock.instant();
        return writer.put(id, existing -> {
            if (existing.isPresent() && !mayHandle(caller, existing.get().scopes())) {
                throw new AuthorizationException(caller);
            }
            String secret = sealedGiven;
            String shown = null;
            if (secret == null && existing.isPresent() && existing.get().secret() != null
                    && existing.get().channel().equals(checked.channel())) {
                secret = existing.get().secret();
            } else if (secret == null && sealedGenerated != null) {
                secret = sealedGenerated;
                shown = generated;
            }
            Subscription s = new Subscription(id, checked.scopes(), checked.types(), checked.channel(), checked.target(),
                    secret, checked.language(), checked.digest(),
                    existing.map(Subscription::createdBy).orElse(caller.getName()),
                    existing.map(Subscription::createdAt).orElse(now), caller.getName(), now);
            return new Stored(s, existing.isEmpty(), shown);
        });
    }

    public Subscription get(String id, Authentication caller) {
        Subscription s = transactions.read(c -> store.find(c, id)).orElseThrow(() -> new NotFoundException("subscription", id));
        if (!mayHandle(caller, s.scopes())) {
            throw new AuthorizationException(caller);
        }
        return s;
    }

    public void delete(String id, Authentication caller) {
        writer.delete(id, s -> {
            if (!mayHandle(caller, s.scopes())) {
                throw new AuthorizationException(caller);
            }
        });
    }

    /** A page of the subscriptions {@code caller} may see, in id order. */
    public Page<Subscription> list(PageRequest page, Authentication caller) {
        List<Subscription> visible = new ArrayList<>();
        String after = page.after(0, "");
        // Read in chunks and keep what the caller may see, until a page and one more are found.
        while (visible.size() < page.fetchSize()) {
            String from = after;
            List<Subscription> chunk = transactions.read(c -> store.after(c, from, 500));
            for (Subscription s : chunk) {
                if (mayHandle(caller, s.scopes()) && visible.size() < page.fetchSize()) {
                    visible.add(s);
                }
            }
            if (chunk.size() < 500) {
                break;
            }
            after = chunk.get(chunk.size() - 1).id();
        }
        return page.page(visible, s -> List.of(s.id()));
    }
}
