package io.github.camelliveagent.component;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.spi.LoadablePropertiesSource;
import org.apache.camel.util.OrderedLocationProperties;

/**
 * Offers the environment variables {@code CAMEL_COMPONENT_LIVEAGENT_<OPTION>} to Camel as the properties
 * {@code camel.component.liveagent.<option>} (upper case and underscores to lower case and dashes), so that Camel Main
 * configures the component from them as it does from {@code application.properties}.
 * <p>
 * Why the component does this itself: Camel Main means to map {@code CAMEL_COMPONENT_*} variables onto every component
 * ({@code camel.main.autoConfigurationEnvironmentVariablesEnabled}, on by default), but in Camel 4.18 and 4.22
 * {@code BaseMainSupport} gives {@code MainHelper.filterEnvVariables} the prefixes {@code camel.component.},
 * {@code camel.dataformat.} and {@code camel.language.}, which it compares with the upper-cased variable names: nothing
 * ever matches, for Apache's components as for this one. Spring Boot (relaxed binding) and Quarkus (MicroProfile
 * Config) read such variables on their own; there this source only repeats the same values.
 * <p>
 * Camel loads this plugin through {@link java.util.ServiceLoader} when a CamelContext is built, before Camel Main reads
 * its properties. The source ranks first among property sources, so a variable wins over a properties file, as
 * environment variables do in Camel's placeholders, Spring Boot and Quarkus; Camel Main still lets JVM system
 * properties ({@code -Dcamel.component.liveagent.…}) win over both.
 */
public final class LiveAgentEnvironmentVariables implements ContextServicePlugin {

    static final String VARIABLE_PREFIX = "CAMEL_COMPONENT_LIVEAGENT_";
    static final String PROPERTY_PREFIX = "camel.component.liveagent.";

    @Override
    public void load(CamelContext context) {
        Map<String, String> properties = properties(System.getenv());
        if (!properties.isEmpty()) {
            context.getPropertiesComponent().addPropertiesSource(new Source(properties));
        }
    }

    /** The liveagent variables among these, as {@code camel.component.liveagent.<option>} properties. */
    static Map<String, String> properties(Map<String, String> environment) {
        Map<String, String> properties = new TreeMap<>();
        environment.forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.startsWith(VARIABLE_PREFIX) && upper.length() > VARIABLE_PREFIX.length()) {
                properties.put(PROPERTY_PREFIX + upper.substring(VARIABLE_PREFIX.length()).toLowerCase(Locale.ROOT)
                        .replace('_', '-'), value);
            }
        });
        return properties;
    }

    /** The variables as a property source; read once, the environment of a running JVM does not change. */
    static final class Source implements LoadablePropertiesSource, Ordered {

        private final Map<String, String> properties;

        Source(Map<String, String> properties) {
            this.properties = properties;
        }

        @Override
        public String getName() {
            return "liveagent-environment-variables";
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST;
        }

        /** Also answers the camelCase spelling ({@code camel.component.liveagent.organizationId}). */
        @Override
        public String getProperty(String name) {
            String value = properties.get(name);
            if (value == null && name.startsWith(PROPERTY_PREFIX)) {
                String wanted = relaxed(name);
                for (Map.Entry<String, String> e : properties.entrySet()) {
                    if (relaxed(e.getKey()).equals(wanted)) {
                        return e.getValue();
                    }
                }
            }
            return value;
        }

        private static String relaxed(String name) {
            return name.toLowerCase(Locale.ROOT).replace("-", "");
        }

        @Override
        public Properties loadProperties() {
            return loadProperties(name -> true);
        }

        @Override
        public Properties loadProperties(Predicate<String> filter) {
            OrderedLocationProperties answer = new OrderedLocationProperties();
            properties.forEach((name, value) -> {
                if (filter.test(name)) {
                    answer.put("ENV", name, value);
                }
            });
            return answer;
        }

        @Override
        public void reloadProperties(String location) {
            // nothing to reload: the environment does not change
        }

        @Override
        public String toString() {
            return getName() + " " + properties.keySet();
        }
    }
}
