package io.github.camelliveagent.examples.ha;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The high-availability demo runs: the chat goes on at node-b after node-a is killed, nothing lost or doubled. */
class FailoverDemoTest {

    @Test
    @Timeout(240)
    void aChatSurvivesTheLossOfItsNode() throws Exception {
        List<String> printed = new CopyOnWriteArrayList<>();
        FailoverDemo.Result r = FailoverDemo.run(line -> {
            printed.add(line);
            System.out.println(line);
        });
        System.out.printf("demo: %d lines printed, visitor messages %s, agent messages %d, node-b lines %d, duplicate polls"
                          + " %d, takeover %d ms%n", printed.size(), r.visitorSaid(), r.agentSaid().size(),
                r.nodeBLines().size(), r.duplicatePolls(), r.takeover().toMillis());
        assertThat(r.visitorSaid()).containsExactly("Hello, where is my parcel 4711?", FailoverDemo.SECOND_MESSAGE);
        assertThat(r.agentSaid()).containsExactlyElementsOf(FailoverDemo.AGENT_SCRIPT);
        assertThat(r.nodeBLines()).anyMatch(l -> l.contains(FailoverDemo.AGENT_SCRIPT.get(1)))
                .anyMatch(l -> l.contains("ChatEnded"));
        assertThat(r.duplicatePolls()).isZero();
        assertThat(printed).anyMatch(l -> l.contains("node-a killed"));
    }
}
