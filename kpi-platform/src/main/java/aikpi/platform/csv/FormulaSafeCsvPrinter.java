package aikpi.platform.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes CSV records with Commons CSV so that no cell opens as a formula when the file is opened in a spreadsheet
 * (OWASP "CSV Injection"): a text cell starting with {@code = + - @}, a tab or a carriage return is written with a
 * single quote in front, and quoted. A cell that is a number ({@code -12.50}) is written as it is. A cell holding the
 * separator other locales' spreadsheets split on ({@code ;} or a tab) is quoted too, so no formula can start inside it.
 * Every CSV file the suite writes goes through this class.
 */
public final class FormulaSafeCsvPrinter implements Flushable, Closeable {

    /** A plain decimal number, as a spreadsheet reads one: a sign, digits, a point, an exponent. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final Appendable out;
    private final CSVFormat format;
    private final CSVFormat quoted;

    /** @param format the dialect (delimiter, quote, record separator, null string); its header is not printed */
    public FormulaSafeCsvPrinter(Appendable out, CSVFormat format) {
        this.out = out;
        this.format = format;
        this.quoted = format.builder().setQuoteMode(QuoteMode.ALL).get();
    }

    /** One record: each cell's {@code toString()} (a {@code BigDecimal} as plain digits), null as the format's null. */
    public void printRecord(Iterable<?> cells) throws IOException {
        boolean first = true;
        for (Object cell : cells) {
            String text = cell == null ? null : cell instanceof BigDecimal d ? d.toPlainString() : cell.toString();
            if (text == null || text.isEmpty() || NUMBER.matcher(text).matches()) {
                format.print(text, out, first);
            } else if (startsFormula(text)) {
                quoted.print("'" + text, out, first);
            } else if (text.indexOf(';') >= 0 || text.indexOf('\t') >= 0) {
                quoted.print(text, out, first);
            } else {
                format.print(text, out, first);
            }
            first = false;
        }
        format.println(out);
    }

    public void printRecord(Object... cells) throws IOException {
        printRecord(Arrays.asList(cells));
    }

    private static boolean startsFormula(String text) {
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    @Override
    public void flush() throws IOException {
        if (out instanceof Flushable f) {
            f.flush();
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        if (out instanceof Closeable c) {
            c.close();
        }
    }
}
