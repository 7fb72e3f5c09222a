package aikpi.platform.store;

/** A request or write refused because the service's derived figures are being recut or could not be (503). */
public class FiguresNotReadyException extends RuntimeException {

    public FiguresNotReadyException(String reason) {
        super("The service's figures are not ready: " + reason);
    }
}
