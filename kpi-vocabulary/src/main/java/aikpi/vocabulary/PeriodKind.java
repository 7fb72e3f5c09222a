package aikpi.vocabulary;

/** The four shapes of reporting period the suite understands. */
public enum PeriodKind {
    DAY,
    MONTH,
    QUARTER,
    FISCAL_QUARTER
}
