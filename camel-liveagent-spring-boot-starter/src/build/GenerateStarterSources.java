import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Build step of the starter (run by exec-maven-plugin as a single-file program on the module's compile class path):
 * writes {@code LiveAgentComponentConfiguration}, the {@code @ConfigurationProperties} class of
 * {@code camel.component.liveagent.*}, and {@code LiveAgentComponentConverter}, which turns {@code #bean:name}
 * references into beans for the object-typed options, from the component's catalog metadata ({@code liveagent.json},
 * itself generated from the component's annotations). This is the job camel-spring-boot's own generator does for
 * Apache's starters; it is not published for components outside Apache Camel.
 * spring-boot-configuration-processor then turns the generated class into
 * {@code META-INF/spring-configuration-metadata.json}, so IDEs complete the options.
 */
public class GenerateStarterSources {

    static final String CATALOG = "META-INF/io/github/camelliveagent/component/liveagent.json";
    static final String PACKAGE = "io.github.camelliveagent.component.springboot";

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GenerateStarterSources <output source directory>");
        }
        JsonNode catalog;
        try (InputStream in = GenerateStarterSources.class.getClassLoader().getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException(CATALOG + " is not on the class path: is camel-liveagent-component a dependency?");
            }
            catalog = new ObjectMapper().readTree(in);
        }
        Path dir = Path.of(args[0]).resolve(PACKAGE.replace('.', '/'));
        Files.createDirectories(dir);
        write(dir.resolve("LiveAgentComponentConfiguration.java"), configuration(catalog));
        write(dir.resolve("LiveAgentComponentConverter.java"), converter(catalog));
    }

    private static void write(Path file, String text) throws IOException {
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    record Option(String name, String javaType, String defaultLiteral, String description) {
    }

    static List<Option> options(JsonNode catalog) {
        List<Option> options = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) catalog.path("componentProperties")::fields) {
            JsonNode o = e.getValue();
            String type = o.path("type").asText();
            String javaType = o.path("javaType").asText();
            String dflt = o.hasNonNull("defaultValue") ? o.path("defaultValue").asText() : null;
            String fieldType;
            String literal = null;
            switch (type) {
                case "boolean" -> {
                    fieldType = "Boolean";
                    literal = dflt;
                }
                case "integer" -> {
                    fieldType = javaType.equals("long") || javaType.equals("java.lang.Long") ? "Long" : "Integer";
                    literal = dflt == null ? null : dflt + (fieldType.equals("Long") ? "L" : "");
                }
                // Camel's configurer reads a duration from text: "5m", "500ms" or plain milliseconds
                case "duration", "string", "enum" -> {
                    fieldType = "String";
                    literal = dflt == null ? null : quote(dflt);
                }
                default -> fieldType = javaType.replace('$', '.');
            }
            String description = o.path("description").asText();
            if ("object".equals(type)) {
                description += " The option is a " + javaType + " type; in properties, a reference #bean:name.";
            } else if ("duration".equals(type)) {
                description += " A duration such as 30s, 5m or 500ms, or milliseconds.";
            }
            options.add(new Option(e.getKey(), fieldType, literal, description));
        }
        return options;
    }

    static String configuration(JsonNode catalog) {
        StringBuilder s = new StringBuilder();
        s.append(header());
        s.append("import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;\n")
                .append("import org.springframework.boot.context.properties.ConfigurationProperties;\n\n");
        s.append(javadoc("", catalog.path("component").path("description").asText()
                + "\n\nGenerated from liveagent.json by GenerateStarterSources: do not edit."));
        s.append("@ConfigurationProperties(prefix = \"camel.component.liveagent\")\n")
                .append("public class LiveAgentComponentConfiguration extends ComponentConfigurationPropertiesCommon {\n\n");
        s.append(javadoc("    ", "Whether to enable auto configuration of the liveagent component. This is enabled by default."));
        s.append("    private Boolean enabled;\n\n");
        List<Option> options = options(catalog);
        for (Option o : options) {
            s.append(javadoc("    ", o.description()));
            s.append("    private ").append(o.javaType()).append(' ').append(o.name());
            if (o.defaultLiteral() != null) {
                s.append(" = ").append(o.defaultLiteral());
            }
            s.append(";\n\n");
        }
        for (Option o : options) {
            String cap = Character.toUpperCase(o.name().charAt(0)) + o.name().substring(1);
            s.append("    public ").append(o.javaType()).append(" get").append(cap).append("() {\n")
                    .append("        return ").append(o.name()).append(";\n    }\n\n")
                    .append("    public void set").append(cap).append('(').append(o.javaType()).append(' ')
                    .append(o.name()).append(") {\n        this.").append(o.name()).append(" = ").append(o.name())
                    .append(";\n    }\n\n");
        }
        s.setLength(s.length() - 1);
        return s.append("}\n").toString();
    }

    static String converter(JsonNode catalog) {
        TreeSet<String> types = new TreeSet<>();
        for (Option o : options(catalog)) {
            if (o.javaType().contains(".")) {
                types.add(o.javaType());
            }
        }
        StringBuilder s = new StringBuilder(header());
        s.append("import java.util.LinkedHashSet;\nimport java.util.Set;\n\n")
                .append("import org.springframework.beans.factory.annotation.Autowired;\n")
                .append("import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;\n")
                .append("import org.springframework.context.ApplicationContext;\n")
                .append("import org.springframework.context.annotation.Configuration;\n")
                .append("import org.springframework.core.convert.TypeDescriptor;\n")
                .append("import org.springframework.core.convert.converter.GenericConverter;\n")
                .append("import org.springframework.stereotype.Component;\n\n");
        s.append(javadoc("", "Turns a {@code #bean:name} (or {@code #name}) property value into that bean, for the object-typed"
                + " options of camel.component.liveagent.\n\nGenerated from liveagent.json by GenerateStarterSources: do not edit."));
        s.append("@Configuration(proxyBeanMethods = false)\n@ConfigurationPropertiesBinding\n@Component\n")
                .append("public class LiveAgentComponentConverter implements GenericConverter {\n\n")
                .append("    @Autowired\n    private ApplicationContext applicationContext;\n\n")
                .append("    @Override\n    public Set<ConvertiblePair> getConvertibleTypes() {\n")
                .append("        Set<ConvertiblePair> answer = new LinkedHashSet<>();\n");
        for (String t : types) {
            s.append("        answer.add(new ConvertiblePair(String.class, ").append(t).append(".class));\n");
        }
        s.append("        return answer;\n    }\n\n")
                .append("    @Override\n    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {\n")
                .append("        if (source == null) {\n            return null;\n        }\n")
                .append("        String ref = source.toString();\n")
                .append("        if (!ref.startsWith(\"#\")) {\n            return null;\n        }\n")
                .append("        ref = ref.startsWith(\"#bean:\") ? ref.substring(6) : ref.substring(1);\n")
                .append("        return applicationContext.getBean(ref, targetType.getType());\n    }\n}\n");
        return s.toString();
    }

    private static String header() {
        return "package " + PACKAGE + ";\n\n";
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A Javadoc comment, wrapped at 110 columns; paragraphs separated by a blank line become {@code <p>}. */
    private static String javadoc(String indent, String text) {
        StringBuilder s = new StringBuilder(indent).append("/**\n");
        String[] paragraphs = text.replace("*/", "*&#47;").split("\n\n");
        for (int p = 0; p < paragraphs.length; p++) {
            if (p > 0) {
                s.append(indent).append(" * <p>\n");
            }
            StringBuilder line = new StringBuilder();
            for (String word : paragraphs[p].split("\\s+")) {
                if (line.length() > 0 && indent.length() + 3 + line.length() + 1 + word.length() > 110) {
                    s.append(indent).append(" * ").append(line).append('\n');
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            if (line.length() > 0) {
                s.append(indent).append(" * ").append(line).append('\n');
            }
        }
        return s.append(indent).append(" */\n").toString();
    }
}
