package aikpi.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class BoundedCsvReaderTest {

    private static final BoundedCsvReader.Limits LIMITS = new BoundedCsvReader.Limits(10, 30, 4);

    private static List<List<String>> parse(Reader in) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(CSVFormat.DEFAULT).get()) {
            return parser.getRecords().stream().map(CSVRecord::toList).toList();
        }
    }

    private static CsvLimitExceededException refused(Reader in) {
        UncheckedIOException e = catchThrowableOfType(UncheckedIOException.class, () -> parse(new BoundedCsvReader(in, LIMITS)));
        assertThat(e).isNotNull();
        assertThat(e.getCause()).isInstanceOf(CsvLimitExceededException.class);
        return (CsvLimitExceededException) e.getCause();
    }

    @Test
    void aFileWithinTheBoundsReadsAsWithoutThem() throws IOException {
        String text = "a,b,c,d\r\n\"x,\"\"y\"\"\",\"line\nbreak\",,0123456789\r\n\n1,2,3,4\r4,3,2,1\n";
        assertThat(parse(new BoundedCsvReader(new StringReader(text), LIMITS))).isEqualTo(parse(new StringReader(text)))
                .hasSize(4);
    }

    @Test
    void aFieldLongerThanItsBoundIsRefusedNamingItsRecordLineAndField() {
        CsvLimitExceededException e = refused(new StringReader("a,b,c\n1,2,3\n4,01234567890,6\n"));
        assertThat(e.bound()).isEqualTo(CsvLimitExceededException.Bound.FIELD_LENGTH);
        assertThat(e.limit()).isEqualTo(10);
        assertThat(e.record()).isEqualTo(2);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.field()).isEqualTo(1);
        // Quoted, over several lines: the record's first line is named.
        e = refused(new StringReader("a,b\n1,\"2\n3\n4\n5\n6\n7\n8\n\"\n"));
        assertThat(e.bound()).isEqualTo(CsvLimitExceededException.Bound.FIELD_LENGTH);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.field()).isEqualTo(1);
    }

    @Test
    void aRecordLongerThanItsBoundIsRefused() {
        CsvLimitExceededException e = refused(new StringReader("0123456789,0123456789,0123456789,0\n"));
        assertThat(e.bound()).isEqualTo(CsvLimitExceededException.Bound.RECORD_LENGTH);
        assertThat(e.record()).isZero();
        assertThat(e.field()).isEqualTo(2); // 0123456789,0123456789,012345678 is 30 characters
    }

    @Test
    void anEndlessHeaderOfCommasIsRefusedAfterItsLastAllowedField() {
        Reader commas = new Reader() {
            long sent;

            @Override
            public int read(char[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, ',');
                sent += length;
                return length;
            }

            @Override
            public void close() {
            }
        };
        CsvLimitExceededException e = refused(commas);
        assertThat(e.bound()).isEqualTo(CsvLimitExceededException.Bound.FIELDS);
        assertThat(e.field()).isEqualTo(4);
        assertThat(e.record()).isZero();
    }
}
