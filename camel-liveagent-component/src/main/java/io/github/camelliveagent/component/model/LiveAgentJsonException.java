package io.github.camelliveagent.component.model;

/**
 * A Live Agent JSON payload could not be read (or a body could not be written). The message names what was wrong
 * and where (JSON path), never the payload itself.
 */
public class LiveAgentJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong
     */
    public LiveAgentJsonException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause   the parser's exception (its message is kept short and without the source by
     *                {@link LiveAgentJson#mapper()})
     */
    public LiveAgentJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
