package io.github.camelliveagent.component.model.request;

/**
 * A POST body of the Live Agent REST API; knows the resource it is posted to
 * ({@code /chat/rest/<prefix()>/<noun()>}). The two methods are not serialised.
 */
public interface RequestBody {

    /**
     * @return the resource prefix, e.g. {@code Chasitor}
     */
    String prefix();

    /**
     * @return the resource noun, e.g. {@code ChatMessage}
     */
    String noun();
}
