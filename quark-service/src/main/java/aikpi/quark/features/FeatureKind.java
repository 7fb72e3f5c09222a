package aikpi.quark.features;

/** What an AI feature of an app does. */
public enum FeatureKind {
    ASSISTANT,
    AGENT,
    SEARCH,
    CAMERA,
    OTHER
}
