package aikpi.billing.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import aikpi.platform.csv.BoundedCsvReader;
import aikpi.platform.problem.FileRejectedException;
import aikpi.platform.problem.PayloadTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The file's side of an import, without the service: encoding, header and line numbers (FocusImportTest: the API). */
class FocusReaderTest {

    private static final String HEADER = String.join(",", FocusReader.REQUIRED);
    private static final String ROW = "acct-1,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,12.50,CNY,Compute";

    private final List<FocusRow> rows = new ArrayList<>();

    private FocusReader read(byte[] file) {
        return read(new ByteArrayInputStream(file));
    }

    private FocusReader read(InputStream file) {
        FocusReader reader = new FocusReader(new BoundedCsvReader.Limits(65_536, 1 << 20, 1_000),
                ZoneId.of("Asia/Shanghai"), LocalDate.parse("2030-01-01"), text -> Map.of());
        reader.read(file, (row, sum) -> {
            rows.add(row);
            return null;
        });
        return reader;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsDropped() {
        byte[] text = utf8(HEADER + "\n" + ROW + "\n");
        byte[] withMark = new byte[text.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withMark, 3, text.length);
        assertThat(read(withMark).counts().rows).isEqualTo(1);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.billingAccountId()).isEqualTo("acct-1");
            assertThat(row.line()).isEqualTo(2);
        });
    }

    @Test
    void headerNamesAndCellsAreStrippedAndNullIsANull() {
        String header = HEADER.replace("BilledCost", " BilledCost ");
        read(utf8(header + "\n" + ROW.replace("acct-1", " acct-1\t").replace(",,", ",NULL,") + "\n"));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.billingAccountId()).isEqualTo("acct-1");
            assertThat(row.correction()).isFalse();
        });
    }

    @Test
    void aRowIsNamedByTheLineItStartsOn() {
        read(utf8(HEADER + ",ChargeDescription\n" + ROW + ",\"two\nlines\"\n" + ROW.replace("acct-1", "acct-2") + ",x\n"));
        assertThat(rows).extracting(FocusRow::line).containsExactly(2L, 4L);
    }

    @Test
    void aColumnNamedTwiceIsRefusedByName() {
        FileRejectedException refused = catchThrowableOfType(FileRejectedException.class,
                () -> read(utf8(HEADER + ", ChargeClass\n" + ROW + ",\n")));
        assertThat(refused).hasMessage("The header names the column ChargeClass twice.");
        assertThat(refused.errors()).extracting(e -> e.line() + ":" + e.column()).containsExactly("1:ChargeClass");
    }

    @Test
    void anEmptyFileAndAHeaderWithoutRowsAreRefused() {
        assertThat(catchThrowableOfType(FileRejectedException.class, () -> read(new byte[0])))
                .hasMessageStartingWith("The file is empty");
        assertThat(catchThrowableOfType(FileRejectedException.class, () -> read(utf8(HEADER + "\n"))))
                .hasMessageStartingWith("The file has a header but no rows");
    }

    @Test
    void aHeaderOfEndlessCommasStopsAtTheColumnBound() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream commas = new InputStream() {
            long left = 64L << 20;

            @Override
            public int read() {
                return left-- <= 0 ? -1 : ',';
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        long started = System.nanoTime();
        assertThat(catchThrowableOfType(PayloadTooLargeException.class, () -> read(commas)))
                .hasMessageContaining("names more than 1000 columns");
        assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
        assertThat(closed).as("the body is closed, so that the server stops receiving it").isTrue();
    }
}
