package aikpi.tongyi.hubstats;

/** The model communities whose counters are tracked. */
public enum Platform {
    MODELSCOPE,
    HUGGING_FACE,
    OTHER
}
