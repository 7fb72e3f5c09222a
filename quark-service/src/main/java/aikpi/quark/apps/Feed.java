package aikpi.quark.apps;

/** How an app's figures reach quark; an app has one feed, so nothing of it is counted twice. */
public enum Feed {
    /** One event per install, app open and AI session: the native JSON batches, or Segment-spec calls. */
    EVENTS,
    /** One set of figures per day from the data platform, distinct users as DataSketches sketches. */
    AGGREGATES
}
