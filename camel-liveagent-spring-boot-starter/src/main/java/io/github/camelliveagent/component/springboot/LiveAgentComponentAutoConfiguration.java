package io.github.camelliveagent.component.springboot;

import io.github.camelliveagent.component.LiveAgentComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Configures the {@code liveagent} component from the {@code camel.component.liveagent.*} properties, as Camel Spring
 * Boot's starters configure Apache's components: a {@link ComponentCustomizer} copies every property that is set onto
 * the component through its generated configurer, when Camel creates the component.
 */
@AutoConfiguration(after = {CamelAutoConfiguration.class, LiveAgentComponentConverter.class})
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, LiveAgentComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", "camel.component.liveagent"})
public class LiveAgentComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final CamelContext camelContext;
    private final LiveAgentComponentConfiguration configuration;

    public LiveAgentComponentAutoConfiguration(ApplicationContext applicationContext, CamelContext camelContext,
                                               LiveAgentComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.camelContext = camelContext;
        this.configuration = configuration;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureLiveAgentComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(camelContext, configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext,
                        "camel.component.customizer", "camel.component.liveagent.customizer")
                        && target instanceof LiveAgentComponent;
            }
        };
    }
}
