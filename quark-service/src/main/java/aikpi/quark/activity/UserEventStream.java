package aikpi.quark.activity;

/** The two streams of user events, each with its own table (fixed here: nothing from a request reaches SQL). */
public enum UserEventStream {
    /** An app installed (downloaded) on a device. */
    INSTALL("install_event", "installs"),
    /** An app opened: one event per open. */
    ACTIVITY("activity_event", "activity-events");

    final String table;
    final String counterName;

    UserEventStream(String table, String counterName) {
        this.table = table;
        this.counterName = counterName;
    }
}
