package aikpi.tongyi.resources;

/** What GPU time was spent on. */
public enum Purpose {
    TRAINING,
    INFERENCE
}
