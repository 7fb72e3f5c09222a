package aikpi.vocabulary;

/** The five shapes of reporting period the suite understands. */
public enum PeriodKind {
    DAY,
    MONTH,
    QUARTER,
    FISCAL_QUARTER,
    FISCAL_YEAR
}
