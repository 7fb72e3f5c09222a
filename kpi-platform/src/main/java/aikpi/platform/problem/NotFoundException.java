package aikpi.platform.problem;

/** A resource named in the path that does not exist. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String kind, String id) {
        super("No " + kind + " with id '" + id + "'.");
    }
}
