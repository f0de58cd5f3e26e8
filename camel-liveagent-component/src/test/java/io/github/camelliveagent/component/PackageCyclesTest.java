package io.github.camelliveagent.component;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No package of the component depends, directly or through others, on a package that depends on it: the Camel-facing
 * root package sits on {@code poll}, {@code session}, {@code session.store}, {@code observe}, {@code client} and
 * {@code model}, and none of them reaches back. The dependencies are read from the compiled classes by the JDK's
 * {@code jdeps}, so an import, a field type, a thrown type or a constant all count.
 */
class PackageCyclesTest {

    private static final String ROOT = "io.github.camelliveagent.component";
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$");

    @Test
    void noPackageDependsOnItselfThroughOthers() throws Exception {
        Map<String, Set<String>> graph = packageGraph(
                Path.of(LiveAgentComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        List<List<String>> cycles = cycles(graph);
        int edges = graph.values().stream().mapToInt(Set::size).sum();
        System.out.println("PackageCyclesTest: " + graph.size() + " packages, " + edges + " dependencies between them, "
                           + cycles.size() + " cycles " + cycles);

        assertThat(graph).as("packages read by jdeps").containsKeys(ROOT, ROOT + ".poll", ROOT + ".session",
                ROOT + ".session.store", ROOT + ".model");
        assertThat(graph.get(ROOT)).as("the root package's dependencies").contains(ROOT + ".poll", ROOT + ".session");
        assertThat(cycles).as("package cycles (each a strongly connected set of packages)").isEmpty();
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", new TreeSet<>(Set.of("b")));
        graph.put("b", new TreeSet<>(Set.of("c")));
        graph.put("c", new TreeSet<>(Set.of("a", "d")));
        graph.put("d", new TreeSet<>());
        assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
    }

    /** Package to the component's packages it uses (itself left out), as {@code jdeps -verbose:package} reports. */
    private static Map<String, Set<String>> packageGraph(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none",
                classes.toString());
        assertThat(rc).as("jdeps exit code (stderr: %s)", err).isZero();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (m.matches() && inComponent(m.group(1))) {
                Set<String> uses = graph.computeIfAbsent(m.group(1), p -> new TreeSet<>());
                if (inComponent(m.group(2)) && !m.group(2).equals(m.group(1))) {
                    uses.add(m.group(2));
                }
            }
        }
        return graph;
    }

    private static boolean inComponent(String pkg) {
        return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".");
    }

    /** The strongly connected sets of more than one package (Tarjan), each sorted, in the order found. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> found = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, graph, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<List<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(new ArrayList<>(component));
            }
        }
    }
}
