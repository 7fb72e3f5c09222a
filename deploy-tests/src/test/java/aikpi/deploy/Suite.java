package aikpi.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Where the suite's files are: the reactor's root directory, found without depending on any service module. */
final class Suite {

    private Suite() {
    }

    /**
     * The root: {@code suite.root} (the build sets it to the reactor's directory) or the working directory, or the
     * nearest directory above either that holds {@code deploy/k8s} beside a {@code pom.xml}.
     */
    static Path root() {
        Path start = Path.of(System.getProperty("suite.root", System.getProperty("user.dir")))
                .toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy").resolve("k8s"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No deploy/k8s beside a pom.xml at or above " + start);
    }

    static Path manifestDirectory() {
        return root().resolve("deploy").resolve("k8s");
    }

    /** The reactor's version, from the root pom: it names every packaged jar ({@code gateway-<version>.jar}). */
    static String version() throws IOException {
        Element project;
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            project = factory.newDocumentBuilder().parse(root().resolve("pom.xml").toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Cannot read the root pom.xml", e);
        }
        for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
            if ("version".equals(child.getNodeName())) {
                return child.getTextContent().strip();
            }
        }
        throw new IllegalStateException("The root pom.xml names no version of its own");
    }
}
