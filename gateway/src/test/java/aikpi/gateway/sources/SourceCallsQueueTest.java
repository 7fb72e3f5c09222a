package aikpi.gateway.sources;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.platform.problem.RetryLaterException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bound on a source's calls in flight, on its own: a call beyond the slots waits its turn in the order it came,
 * one beyond the line is refused at once, one whose wait runs out is refused and never made, and one whose caller
 * gave up while it waited is never made.
 */
class SourceCallsQueueTest {

    /** A source's calls as they are made: each answers when the test says. */
    private final List<CompletableFuture<String>> made = new ArrayList<>();
    private final List<String> order = new ArrayList<>();

    private CompletableFuture<String> call(String name) {
        order.add(name);
        CompletableFuture<String> answer = new CompletableFuture<>();
        made.add(answer);
        return answer;
    }

    @Test
    void callsBeyondTheSlotsWaitTheirTurnAndOneBeyondTheLineIsRefused() {
        SourceCalls calls = new SourceCalls(2, 2, Duration.ofSeconds(30), Duration.ofSeconds(2));
        CompletableFuture<String> a = calls.bounded(Source.TONGYI, () -> call("a"));
        CompletableFuture<String> b = calls.bounded(Source.TONGYI, () -> call("b"));
        CompletableFuture<String> c = calls.bounded(Source.TONGYI, () -> call("c"));
        CompletableFuture<String> d = calls.bounded(Source.TONGYI, () -> call("d"));
        CompletableFuture<String> e = calls.bounded(Source.TONGYI, () -> call("e"));
        // Another source has slots of its own.
        CompletableFuture<String> other = calls.bounded(Source.QUARK, () -> call("quark"));

        assertThat(order).containsExactly("a", "b", "quark");
        assertThat(calls.inFlight(Source.TONGYI)).isEqualTo(2);
        assertThat(e).isCompletedExceptionally();
        assertThat(refusal(e)).isInstanceOf(RetryLaterException.class);
        assertThat(refusal(e).getMessage()).contains("(2, and 2 more waiting their turn)");

        made.get(0).complete("A");
        assertThat(a).isCompletedWithValue("A");
        assertThat(order).containsExactly("a", "b", "quark", "c");
        made.get(1).complete("B");
        made.get(3).complete("C");
        assertThat(order).containsExactly("a", "b", "quark", "c", "d");
        made.get(4).complete("D");
        made.get(2).complete("Q");
        assertThat(List.of(b, c, d, other)).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(c.join() + d.join() + other.join()).isEqualTo("CDQ");
        assertThat(calls.inFlight(Source.TONGYI)).isZero();
        assertThat(calls.inFlight(Source.QUARK)).isZero();
    }

    @Test
    void aCallWhoseWaitRunsOutIsRefusedAndNeverMade() {
        SourceCalls calls = new SourceCalls(1, 8, Duration.ofMillis(100), Duration.ofSeconds(2));
        calls.bounded(Source.BILLING, () -> call("first"));
        CompletableFuture<String> waiting = calls.bounded(Source.BILLING, () -> call("second"));

        assertThat(refusal(waitFor(waiting))).isInstanceOf(RetryLaterException.class);
        made.get(0).complete("done");
        assertThat(order).containsExactly("first");
        assertThat(calls.inFlight(Source.BILLING)).isZero();
    }

    @Test
    void aCallWhoseCallerGaveUpWhileItWaitedIsNeverMade() {
        SourceCalls calls = new SourceCalls(1, 8, Duration.ofSeconds(30), Duration.ofSeconds(2));
        calls.bounded(Source.QUARK, () -> call("first"));
        CompletableFuture<String> givenUp = calls.bounded(Source.QUARK, () -> call("given up"));
        CompletableFuture<String> next = calls.bounded(Source.QUARK, () -> call("next"));
        // What SourceFetcher's timeout does to a call that outlasts it.
        givenUp.completeExceptionally(new java.util.concurrent.TimeoutException());

        made.get(0).complete("done");
        assertThat(order).containsExactly("first", "next");
        made.get(1).complete("next done");
        assertThat(next).isCompletedWithValue("next done");
        assertThat(calls.inFlight(Source.QUARK)).isZero();
    }

    private static CompletableFuture<String> waitFor(CompletableFuture<String> f) {
        try {
            f.handle((v, t) -> v).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("not completed", e);
        }
        return f;
    }

    private static Throwable refusal(CompletableFuture<?> f) {
        try {
            f.join();
            throw new AssertionError("not refused");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
