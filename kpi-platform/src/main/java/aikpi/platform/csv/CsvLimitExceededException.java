package aikpi.platform.csv;

import java.io.IOException;

/** A CSV file passed one of {@link BoundedCsvReader}'s bounds: where (record, line, field) and which bound. */
public final class CsvLimitExceededException extends IOException {

    /** Which bound was passed. */
    public enum Bound { FIELD_LENGTH, RECORD_LENGTH, FIELDS }

    private final Bound bound;
    private final long limit;
    private final long record;
    private final long line;
    private final int field;

    /**
     * @param record the record's index, 0 for the first (a header)
     * @param line   the line the record starts on, from 1
     * @param field  the field's index in its record, from 0
     */
    public CsvLimitExceededException(Bound bound, long limit, long record, long line, int field) {
        super(bound + " over " + limit + " in record " + record + " (line " + line + "), field " + field);
        this.bound = bound;
        this.limit = limit;
        this.record = record;
        this.line = line;
        this.field = field;
    }

    public Bound bound() {
        return bound;
    }

    public long limit() {
        return limit;
    }

    public long record() {
        return record;
    }

    public long line() {
        return line;
    }

    public int field() {
        return field;
    }
}
