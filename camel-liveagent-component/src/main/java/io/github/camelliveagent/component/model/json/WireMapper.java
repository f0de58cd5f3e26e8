package io.github.camelliveagent.component.model.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one configured Jackson mapper of the wire model, in a package of its own that depends on nothing of the model:
 * the request records need it (a MultiNoun wraps each request as a JSON tree) and the model's reading and writing
 * ({@code LiveAgentJson}) reads the message records, so it cannot live with either without a package cycle.
 */
public final class WireMapper {

    /**
     * Ignores unknown properties, accepts numbers/booleans sent as strings, does not write {@code null}s, writes empty
     * beans as {@code {}}, keeps parser error messages short and without the source. Shared: do not reconfigure it.
     */
    public static final ObjectMapper MAPPER = create();

    private WireMapper() {
    }

    private static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .errorReportConfiguration(ErrorReportConfiguration.builder()
                        .maxErrorTokenLength(32).maxRawContentLength(32).build())
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        // "30" -> 30, "true" -> true (the default for scalars, made explicit); "" -> null for non-string values
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
        return mapper;
    }
}
