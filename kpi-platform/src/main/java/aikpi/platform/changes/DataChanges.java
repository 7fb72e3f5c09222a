package aikpi.platform.changes;

import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A period's changes, gathered from a service's stores, answered a page at a time in {@link DataChange#ORDER}. */
public final class DataChanges {

    /** The list's name in its page cursors. */
    public static final String LIST = "changes";
    /** The parts of a cursor's key ({@link DataChange#key()}). */
    public static final int KEY_PARTS = 5;

    private DataChanges() {
    }

    /** The page of {@code changes} (any order) that {@code page} asks for. */
    public static Page<DataChange> page(List<DataChange> changes, PageRequest page) {
        List<DataChange> sorted = new ArrayList<>(changes);
        sorted.sort(DataChange.ORDER);
        List<DataChange> after = sorted;
        if (!page.isFirst()) {
            page.instantAfter(0);
            after = sorted.stream().filter(c -> compareKeys(c.key(), page.after()) > 0).toList();
        }
        return page.page(after.subList(0, Math.min(after.size(), page.fetchSize())), DataChange::key);
    }

    private static int compareKeys(List<String> a, List<String> b) {
        int byTime = Instant.parse(a.get(0)).compareTo(Instant.parse(b.get(0)));
        if (byTime != 0) {
            return byTime;
        }
        for (int i = 1; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
