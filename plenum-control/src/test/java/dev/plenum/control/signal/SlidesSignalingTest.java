package dev.plenum.control.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.files.FileKind;
import dev.plenum.control.files.RoomFiles;
import dev.plenum.control.files.SqlRoomFiles;
import dev.plenum.control.files.StoredFile;
import dev.plenum.control.metrics.LimitCounters;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.signal.SignalingServiceTest.FakeConnection;
import dev.plenum.control.store.Database;
import dev.plenum.control.store.Engine;
import dev.plenum.control.store.TestDatabases;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.token.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Presenting over signaling: hosts and presenters show a PDF and turn its pages, everyone follows, newcomers and a
 * room re-created later (another node, after a restart) see the same page; shared files are listed for everyone.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class SlidesSignalingTest {
    @Parameter
    Engine engine;
    private final ControlConfig config = new ControlConfig("127.0.0.1", 0, true, 10, Duration.ofMinutes(1),
            Duration.ofMillis(300), 65536, 50);
    private final Clock clock = Clock.systemUTC();
    private final JoinTokenSigner signer = JoinTokenSigner.withRandomSecret(clock);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private Database db;
    private RoomFiles files;
    private SignalingService service;
    private StoredFile deck;
    private StoredFile handout;

    @BeforeEach
    void start() {
        db = TestDatabases.open(engine);
        files = new SqlRoomFiles(db);
        service = newNode();
        byte[] png = {1, 2, 3};
        deck = files.add("talk", "deck.pdf", FileKind.PDF, "%PDF-1.7 ...".getBytes(StandardCharsets.US_ASCII),
                List.of(png, png, png), "h", Instant.now());
        handout = files.add("talk", "notes.txt", FileKind.TEXT, "notes".getBytes(StandardCharsets.US_ASCII), List.of(),
                "h", Instant.now());
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        TestDatabases.drop(db);
    }

    /** A control node of its own (its own rooms) over the shared database: as after a restart or on another node. */
    private SignalingService newNode() {
        return new SignalingService(config, signer, new RoomDirectory(10, true), timers, System::nanoTime, null,
                new LimitCounters(new SimpleMeterRegistry()), new dev.plenum.control.chat.MemoryChatLog(10), clock, files);
    }

    private FakeConnection join(SignalingService node, String id, Role role) {
        FakeConnection c = new FakeConnection();
        assertThat(node.open(c, signer.sign(new JoinToken("talk", id, id, role, clock.instant().plusSeconds(60))), null)).isEmpty();
        return c;
    }

    private static JsonNode last(FakeConnection c, String type) {
        return c.received.reversed().stream().filter(n -> n.get("type").asText().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void thePresenterTurnsPagesAndEveryoneFollows() {
        FakeConnection host = join(service, "h", Role.HOST);
        FakeConnection ann = join(service, "ann", Role.ATTENDEE);
        assertThat(last(ann, "slides").get("fileId").isNull()).as("nothing shown yet").isTrue();

        service.onText(host, "{\"type\":\"presentFile\",\"fileId\":" + deck.id() + "}");
        JsonNode shown = ann.last();
        assertThat(shown.get("type").asText()).isEqualTo("slides");
        assertThat(shown.get("fileId").asLong()).isEqualTo(deck.id());
        assertThat(shown.get("page").asInt()).isEqualTo(1);
        assertThat(shown.get("pages").asInt()).isEqualTo(3);
        assertThat(shown.get("name").asText()).isEqualTo("deck.pdf");

        service.onText(host, "{\"type\":\"turnPage\",\"page\":2}");
        assertThat(ann.last().get("page").asInt()).isEqualTo(2);
        assertThat(host.last().get("page").asInt()).as("the presenter too").isEqualTo(2);

        service.onText(host, "{\"type\":\"turnPage\",\"page\":4}");
        assertThat(host.last().get("code").asText()).isEqualTo("invalid-field");
        assertThat(host.last().get("field").asText()).isEqualTo("page");
        service.onText(host, "{\"type\":\"presentFile\",\"fileId\":" + handout.id() + "}");
        assertThat(host.last().get("field").asText()).as("not a PDF").isEqualTo("fileId");
        service.onText(host, "{\"type\":\"presentFile\",\"fileId\":99999}");
        assertThat(host.last().get("code").asText()).isEqualTo("not-found");
        assertThat(ann.last().get("page").asInt()).as("refusals change nothing").isEqualTo(2);

        FakeConnection bob = join(service, "bob", Role.ATTENDEE);
        assertThat(bob.types()).containsSubsequence("welcome", "questions", "polls", "slides", "files");
        assertThat(last(bob, "slides").get("page").asInt()).as("a newcomer sees the current page").isEqualTo(2);

        service.onText(host, "{\"type\":\"stopPresenting\"}");
        assertThat(ann.last().get("type").asText()).isEqualTo("slides");
        assertThat(ann.last().get("fileId").isNull()).isTrue();
    }

    @Test
    void attendeesMayNeitherPresentNorTurnNorShare() {
        FakeConnection host = join(service, "h", Role.HOST);
        FakeConnection ann = join(service, "ann", Role.ATTENDEE);
        service.onText(host, "{\"type\":\"presentFile\",\"fileId\":" + deck.id() + "}");
        int before = host.received.size();
        for (String message : List.of("{\"type\":\"presentFile\",\"fileId\":" + deck.id() + "}",
                "{\"type\":\"turnPage\",\"page\":3}", "{\"type\":\"stopPresenting\"}",
                "{\"type\":\"shareFile\",\"fileId\":" + handout.id() + "}")) {
            service.onText(ann, message);
            assertThat(ann.last().get("type").asText()).isEqualTo("error");
            assertThat(ann.last().get("code").asText()).isEqualTo("forbidden");
        }
        assertThat(host.received).hasSize(before);
        assertThat(files.slides("talk").orElseThrow().page()).isEqualTo(1);
        assertThat(files.shared("talk")).isEmpty();
    }

    @Test
    void aPresenterMayPresent() {
        FakeConnection pia = join(service, "pia", Role.PRESENTER);
        service.onText(pia, "{\"type\":\"presentFile\",\"fileId\":" + deck.id() + "}");
        service.onText(pia, "{\"type\":\"turnPage\",\"page\":3}");
        assertThat(pia.last().get("page").asInt()).isEqualTo(3);
    }

    @Test
    void sharedFilesAreListedForEveryoneAndNewcomers() {
        FakeConnection host = join(service, "h", Role.HOST);
        FakeConnection ann = join(service, "ann", Role.ATTENDEE);
        service.onText(host, "{\"type\":\"shareFile\",\"fileId\":" + handout.id() + "}");
        JsonNode list = ann.last();
        assertThat(list.get("type").asText()).isEqualTo("files");
        assertThat(list.get("files")).hasSize(1);
        assertThat(list.get("files").get(0).get("name").asText()).isEqualTo("notes.txt");
        assertThat(list.get("files").get(0).get("type").asText()).isEqualTo("text");

        FakeConnection bob = join(service, "bob", Role.ATTENDEE);
        assertThat(last(bob, "files").get("files")).hasSize(1);

        service.onText(host, "{\"type\":\"shareFile\",\"fileId\":" + handout.id() + ",\"shared\":false}");
        assertThat(bob.last().get("files")).isEmpty();
    }

    @Test
    void aRoomReCreatedElsewhereResumesOnTheSamePage() {
        FakeConnection host = join(service, "h", Role.HOST);
        service.onText(host, "{\"type\":\"presentFile\",\"fileId\":" + deck.id() + "}");
        service.onText(host, "{\"type\":\"turnPage\",\"page\":3}");
        service.onText(host, "{\"type\":\"shareFile\",\"fileId\":" + handout.id() + "}");
        service.onText(host, "{\"type\":\"leave\"}");

        SignalingService otherNode = newNode();
        FakeConnection ann = join(otherNode, "ann", Role.ATTENDEE);
        assertThat(last(ann, "slides").get("page").asInt()).isEqualTo(3);
        assertThat(last(ann, "slides").get("fileId").asLong()).isEqualTo(deck.id());
        assertThat(last(ann, "files").get("files")).hasSize(1);
    }

    @Test
    void badFieldsAreNamed() {
        FakeConnection host = join(service, "h", Role.HOST);
        service.onText(host, "{\"type\":\"turnPage\",\"page\":\"two\"}");
        assertThat(host.last().get("field").asText()).isEqualTo("page");
        service.onText(host, "{\"type\":\"turnPage\",\"page\":2}");
        assertThat(host.last().get("code").asText()).isEqualTo("not-presenting");
        service.onText(host, "{\"type\":\"presentFile\"}");
        assertThat(host.last().get("field").asText()).isEqualTo("fileId");
        service.onText(host, "{\"type\":\"shareFile\",\"fileId\":1,\"shared\":\"yes\"}");
        assertThat(host.last().get("field").asText()).isEqualTo("shared");
    }
}
