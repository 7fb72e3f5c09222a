package aikpi.platform.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Bounds what a CSV parser would hold in memory before it hands over a record: the characters of one field, of one
 * record and the number of fields in a record. Commons CSV builds a field and a record whole, so one giant quoted cell,
 * a line without a line break or a header of commas would fill the heap; this reader sits under the parser, follows
 * the RFC 4180 grammar the parser reads (comma, double quote, {@code ""} inside quotes, CR/LF) and throws
 * {@link CsvLimitExceededException} as soon as a bound is passed, having read at most one buffer beyond it.
 */
public final class BoundedCsvReader extends FilterReader {

    /** The bounds; each is a count of characters (UTF-16 units) or fields. */
    public record Limits(int maxFieldLength, int maxRecordLength, int maxFields) {
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Limits limits;
    private State state = State.FIELD_START;
    private long line = 1;
    private boolean afterCr;
    private long recordLine = 1;
    private long record;
    private int field;
    private long fieldLength;
    private long recordLength;

    public BoundedCsvReader(Reader in, Limits limits) {
        super(in);
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            consume((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            consume(buffer[i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported: every character is counted");
    }

    private void consume(char c) throws CsvLimitExceededException {
        boolean lineBreak = c == '\n' || c == '\r';
        if (lineBreak && !(c == '\n' && afterCr)) {
            line++;
        }
        afterCr = c == '\r';
        switch (state) {
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                } else {
                    grow();
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') { // a doubled quote: one quote of the field's text
                    state = State.QUOTED;
                    grow();
                } else {
                    separator(c);
                }
            }
            case FIELD_START -> {
                if (c == '"') {
                    state = State.QUOTED;
                    recordLength++;
                } else {
                    separator(c);
                }
            }
            case UNQUOTED -> separator(c);
        }
    }

    /** A character outside quotes: a comma ends the field, a line break the record, anything else is text. */
    private void separator(char c) throws CsvLimitExceededException {
        if (c == ',') {
            state = State.FIELD_START;
            field++;
            fieldLength = 0;
            recordLength++;
            if (field >= limits.maxFields()) {
                throw new CsvLimitExceededException(CsvLimitExceededException.Bound.FIELDS, limits.maxFields(), record,
                        recordLine, field);
            }
        } else if (c == '\n' || c == '\r') {
            if (recordLength > 0 || field > 0) {
                record++;
            }
            state = State.FIELD_START;
            field = 0;
            fieldLength = 0;
            recordLength = 0;
            recordLine = line;
        } else {
            state = State.UNQUOTED;
            grow();
        }
    }

    private void grow() throws CsvLimitExceededException {
        if (++fieldLength > limits.maxFieldLength()) {
            throw new CsvLimitExceededException(CsvLimitExceededException.Bound.FIELD_LENGTH, limits.maxFieldLength(),
                    record, recordLine, field);
        }
        if (++recordLength > limits.maxRecordLength()) {
            throw new CsvLimitExceededException(CsvLimitExceededException.Bound.RECORD_LENGTH, limits.maxRecordLength(),
                    record, recordLine, field);
        }
    }
}
