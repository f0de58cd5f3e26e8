package io.github.camelliveagent.component;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.github.camelliveagent.component.client.FileUploadRequest;
import io.github.camelliveagent.component.model.message.FileTransfer;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.UploadedFile;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * fileUpload over real HTTP against the emulator: the agent requests a file, the route uploads it to the announced
 * upload URL, the emulator's transcript has it and the route receives FileTransfer Success; without a pending
 * request, or after the agent cancelled, the operation fails saying so.
 */
class FileUploadTest extends LiveAgentTestSupport {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the bot's answer to an agent's file request: it uploads the visitor's screenshot
                from("liveagent:messages")
                        .process(received)
                        .filter(exchange -> exchange.getMessage().getBody() instanceof FileTransfer f
                                            && FileTransfer.REQUESTED.equals(f.fileTransferType())
                                            && !"no-auto-upload".equals(exchange.getMessage()
                                                    .getHeader(LiveAgentConstants.CORRELATION_ID)))
                        .setBody(constant(PNG))
                        .setHeader(LiveAgentConstants.FILE_NAME, constant("screenshot.png"))
                        .setHeader(LiveAgentConstants.FILE_CONTENT_TYPE, constant("image/png"))
                        .to("liveagent:fileUpload");
            }
        };
    }

    @Test
    void theRouteUploadsTheRequestedFileAndReceivesSuccess() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        server.fileTransfer(FileTransfer.REQUESTED);

        await().atMost(Duration.ofSeconds(20)).until(() -> successes(id) == 1);
        List<UploadedFile> files = server.uploadedFiles();
        System.out.println("uploaded files: " + files.size() + ", FileTransfer events: "
                           + received.bodies(id, FileTransfer.class).size());
        assertThat(files).hasSize(1);
        assertThat(files.get(0).fileName()).isEqualTo("screenshot.png");
        assertThat(files.get(0).contentType()).isEqualTo("image/png");
        assertThat(files.get(0).content()).isEqualTo(PNG);
        assertThat(server.transcript().visitorPosts()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("FileUpload");
            assertThat(e.body()).contains("\"fileName\":\"screenshot.png\"").contains("\"size\":" + PNG.length);
        });
        assertThat(received.bodies(id, FileTransfer.class)).extracting(FileTransfer::fileTransferType)
                .containsExactly(FileTransfer.REQUESTED, FileTransfer.SUCCESS);
    }

    @Test
    void withoutAPendingRequestOrAfterTheAgentCancelledTheUploadFailsSayingSo() {
        String id = startChat("no-auto-upload");
        EmulatedSession server = serverSide(id);
        server.accept("Agent Smith");
        received.await(id, io.github.camelliveagent.component.model.message.ChatEstablished.class);

        Exception none = upload(id, "a.txt", "hello".getBytes());
        assertThat(none).isInstanceOf(LiveAgentException.class)
                .hasMessageContaining("no file upload is pending: the agent has not requested a file");

        server.fileTransfer(FileTransfer.REQUESTED);
        server.fileTransfer(FileTransfer.CANCELED);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.bodies(id, FileTransfer.class).size() == 2);
        Exception cancelled = upload(id, "a.txt", "hello".getBytes());
        assertThat(cancelled).isInstanceOf(LiveAgentException.class)
                .hasMessageContaining("the agent cancelled the file request");
        assertThat(server.uploadedFiles()).isEmpty();
    }

    @Test
    void aMissingFileNameIsNamedInTheError() {
        String id = startChat("no-auto-upload");
        Exception e = template().request("liveagent:fileUpload", ex -> {
            ex.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            ex.getMessage().setBody(PNG);
        }).getException();
        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LiveAgentConstants.FILE_NAME).hasMessageContaining(Exchange.FILE_NAME);
    }

    @Test
    void theUploadIsDescribedWithoutItsQueryWhichCarriesTheChatKey() {
        FileUploadRequest upload = new FileUploadRequest(URI.create("https://d.la1-c1.example.com/content/fileUpload"),
                ORG_ID, "7c1e0f5e-secret-chat-key", "token-1", "a.txt", "text/plain", new byte[3], 1000);
        assertThat(upload.uri().getRawQuery()).contains("chatKey=7c1e0f5e-secret-chat-key").contains("fileToken=token-1")
                .contains("orgId=" + ORG_ID).contains("encoding=UTF-8");
        assertThat(upload.describe()).isEqualTo("POST file upload to https://d.la1-c1.example.com/content/fileUpload");
        assertThat(upload.toString()).doesNotContain("secret-chat-key");
        assertThat(upload.redact("bad chatKey 7c1e0f5e-secret-chat-key")).isEqualTo("bad chatKey ***");
    }

    private long successes(String id) {
        return received.bodies(id, FileTransfer.class).stream()
                .filter(f -> FileTransfer.SUCCESS.equals(f.fileTransferType())).count();
    }

    private String startChat(String correlationId) {
        Exchange out = template().request("liveagent:startChat",
                e -> e.getMessage().setHeader(LiveAgentConstants.CORRELATION_ID, correlationId));
        assertThat(out.getException()).isNull();
        return out.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
    }

    private Exception upload(String id, String name, byte[] content) {
        return template().request("liveagent:fileUpload", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setHeader(LiveAgentConstants.FILE_NAME, name);
            e.getMessage().setBody(content);
        }).getException();
    }
}
