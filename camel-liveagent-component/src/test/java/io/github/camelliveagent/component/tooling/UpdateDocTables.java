package io.github.camelliveagent.component.tooling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Build step: writes the option and header tables of {@code liveagent-component.adoc} from the catalog metadata
 * ({@code liveagent.json}) that camel-component-maven-plugin generated from the annotations.
 * <p>
 * Camel 4.18's own {@code update-readme} goal puts Antora {@code include::partial$...} lines between the
 * {@code // component options: START/END} markers, which only Camel's web site can render; this writes the tables
 * themselves, in the layout of Camel's documentation, so the file reads on its own (GitHub, an IDE, a jar).
 * The build runs it (exec-maven-plugin, process-test-classes); it rewrites the file only when a table changed.
 */
public final class UpdateDocTables {

    static final String START = "// component options: START";
    static final String END = "// component options: END";

    private UpdateDocTables() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: UpdateDocTables <liveagent.json> <component .adoc>");
        }
        Path json = Path.of(args[0]);
        Path adoc = Path.of(args[1]);
        String before = Files.readString(adoc, StandardCharsets.UTF_8);
        String after = update(before, new ObjectMapper().readTree(json.toFile()));
        if (!after.equals(before)) {
            Files.writeString(adoc, after, StandardCharsets.UTF_8);
            System.out.println("[INFO] Updated doc file: " + adoc);
        }
    }

    /** The document with the text between the markers replaced by the tables of {@code catalog}. */
    static String update(String document, JsonNode catalog) {
        int start = document.indexOf(START);
        int end = document.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("The document has no '" + START + "' ... '" + END + "' section");
        }
        return document.substring(0, start + START.length()) + "\n" + tables(catalog) + document.substring(end);
    }

    static String tables(JsonNode catalog) {
        String title = catalog.path("component").path("title").asText();
        StringBuilder out = new StringBuilder();

        JsonNode componentOptions = catalog.path("componentProperties");
        out.append("\n== Configuring Options\n\n")
                .append("The ").append(title).append(" component supports ").append(componentOptions.size())
                .append(" options, which are listed below.\n\n");
        optionTable(out, componentOptions);

        JsonNode properties = catalog.path("properties");
        Map<Boolean, List<Map.Entry<String, JsonNode>>> byKind = fields(properties).stream()
                .collect(Collectors.partitioningBy(e -> "path".equals(e.getValue().path("kind").asText())));
        out.append("\n== Endpoint Options\n\n")
                .append("The ").append(title).append(" endpoint is configured using URI syntax:\n\n")
                .append("----\n").append(catalog.path("component").path("syntax").asText()).append("\n----\n\n")
                .append("With the following path and query parameters:\n\n")
                .append("=== Path Parameters (").append(byKind.get(true).size()).append(" parameters)\n\n");
        optionTable(out, byKind.get(true));
        out.append("\n=== Query Parameters (").append(byKind.get(false).size()).append(" parameters)\n\n");
        optionTable(out, byKind.get(false));

        JsonNode headers = catalog.path("headers");
        out.append("\n== Message Headers\n\n")
                .append("The ").append(title).append(" component supports ").append(headers.size())
                .append(" message headers, which are listed below.\n\n")
                .append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> header : fields(headers)) {
            JsonNode h = header.getValue();
            out.append("| *").append(header.getKey()).append("* (").append(h.path("group").asText()).append(")\n")
                    .append(constantName(h))
                    .append("| ").append(cell(h.path("description").asText())).append(enumValues(h)).append('\n')
                    .append("| ").append(cell(h.path("defaultValue").asText())).append('\n')
                    .append("| ").append(cell(simpleType(h.path("javaType").asText()))).append('\n');
        }
        out.append("|===\n");
        return out.toString();
    }

    private static void optionTable(StringBuilder out, JsonNode options) {
        optionTable(out, fields(options));
    }

    private static void optionTable(StringBuilder out, List<Map.Entry<String, JsonNode>> options) {
        out.append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> option : options) {
            JsonNode o = option.getValue();
            out.append("| *").append(option.getKey()).append("* (").append(o.path("group").asText()).append(")\n")
                    .append("| ").append(o.path("required").asBoolean() ? "*Required* " : "")
                    .append(cell(o.path("description").asText())).append(enumValues(o)).append('\n')
                    .append("| ").append(cell(o.path("defaultValue").asText())).append('\n')
                    .append("| ").append(cell(simpleType(o.path("javaType").asText()))).append('\n');
        }
        out.append("|===\n");
    }

    private static String constantName(JsonNode header) {
        String constant = header.path("constantName").asText();
        int hash = constant.indexOf('#');
        if (hash < 0) {
            return "";
        }
        String simpleClass = constant.substring(constant.lastIndexOf('.', hash) + 1, hash);
        return "\n_Constant:_ `" + simpleClass + "." + constant.substring(hash + 1) + "`\n";
    }

    private static String enumValues(JsonNode node) {
        JsonNode values = node.path("enum");
        if (!values.isArray() || values.isEmpty()) {
            return "";
        }
        return " Enum values: " + StreamSupport.stream(values.spliterator(), false)
                .map(v -> "`" + v.asText() + "`").collect(Collectors.joining(", ")) + ".";
    }

    /** {@code List<java.lang.String>} reads as {@code List<String>}, as in Camel's tables. */
    static String simpleType(String javaType) {
        return javaType.replaceAll("[a-zA-Z_$][\\w$]*\\.", "");
    }

    /** A table cell: a {@code |} inside the text would start a new cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode object) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        object.fields().forEachRemaining(list::add);
        return list;
    }
}
