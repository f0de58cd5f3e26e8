package io.github.camelliveagent.component.model.request;

import java.util.ArrayList;
import java.util.List;

/** Body of {@code POST System/MultiNoun}: several POST bodies in one request. */
public record MultiNoun(List<Noun> nouns) implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "MultiNoun";

    @Override
    public String prefix() {
        return "System";
    }

    @Override
    public String noun() {
        return NOUN;
    }

    /**
     * @param nouns the wrapped bodies, posted in order
     * @return a MultiNoun of those bodies
     */
    public static MultiNoun of(RequestBody... nouns) {
        List<Noun> list = new ArrayList<>(nouns.length);
        for (RequestBody body : nouns) {
            list.add(Noun.of(body));
        }
        return new MultiNoun(list);
    }
}
