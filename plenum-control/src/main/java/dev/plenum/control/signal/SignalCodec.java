package dev.plenum.control.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plenum.control.IceServer;
import dev.plenum.control.chat.ChatAudience;
import dev.plenum.control.chat.ChatMessage;
import dev.plenum.control.poll.Poll;
import dev.plenum.control.qa.Question;
import dev.plenum.control.room.Participant;
import dev.plenum.control.token.Role;
import dev.plenum.control.room.Reaction;
import java.util.List;

/**
 * Turns signaling JSON into {@link ClientMessage}s (strictly: every problem names its field) and server events
 * into JSON. Every message is an object with a string {@code type}.
 */
public final class SignalCodec {
    public static final int VERSION = 1;
    private static final int MAX_SDP_CHARS = 64 * 1024;
    private static final String REACTION_NAMES = java.util.Arrays.stream(Reaction.values()).map(Reaction::wireName)
            .collect(java.util.stream.Collectors.joining(", "));
    private final ObjectMapper json;
    private final List<IceServer> iceServers;

    public SignalCodec() {
        this(List.of());
    }

    /** @param iceServers STUN/TURN servers announced in {@code welcome} */
    public SignalCodec(List<IceServer> iceServers) {
        this.iceServers = List.copyOf(iceServers);
        json = new ObjectMapper();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    public ClientMessage decode(String text) throws SignalException {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SignalException("malformed", null, "message is not valid JSON");
        }
        if (node == null || !node.isObject()) throw new SignalException("malformed", null, "message must be a JSON object");
        String type = requiredText(node, "type", 32);
        return switch (type) {
            case "leave" -> new ClientMessage.Leave();
            case "ping" -> new ClientMessage.Ping();
            case "mute" -> new ClientMessage.Mute(mediaKind(node), requiredBoolean(node, "muted"));
            case "answer" -> new ClientMessage.Answer(requiredText(node, "sdp", MAX_SDP_CHARS));
            case "hand" -> {
                boolean raised = requiredBoolean(node, "raised");
                String whose = node.has("participantId") ? requiredText(node, "participantId", 64) : null;
                yield new ClientMessage.Hand(raised, whose);
            }
            case "muteParticipant" -> {
                String participantId = requiredText(node, "participantId", 64);
                yield new ClientMessage.MuteParticipant(participantId, mediaKind(node));
            }
            case "muteEveryone" -> new ClientMessage.MuteEveryone();
            case "setLobby" -> new ClientMessage.SetLobby(requiredBoolean(node, "enabled"));
            case "admit" -> new ClientMessage.Admit(requiredText(node, "participantId", 64), requiredBoolean(node, "admitted"));
            case "audioOnly" -> new ClientMessage.AudioOnly(requiredBoolean(node, "on"));
            case "shareScreen" -> new ClientMessage.ShareScreen(requiredBoolean(node, "on"));
            case "tileSizes" -> new ClientMessage.TileSizes(tileSizes(node));
            case "removeParticipant" -> new ClientMessage.RemoveParticipant(requiredText(node, "participantId", 64));
            case "promote" -> new ClientMessage.Promote(requiredText(node, "participantId", 64));
            case "demote" -> new ClientMessage.Demote(requiredText(node, "participantId", 64));
            case "promotion" -> new ClientMessage.AnswerPromotion(requiredBoolean(node, "accepted"));
            case "lockRoom" -> new ClientMessage.LockRoom(requiredBoolean(node, "locked"));
            case "ask" -> new ClientMessage.Ask(plainText(node, "text", Question.MAX_TEXT_CHARS),
                    node.has("anonymous") && requiredBoolean(node, "anonymous"));
            case "upvote" -> new ClientMessage.Upvote(requiredId(node, "questionId"));
            case "answerQuestion" -> new ClientMessage.AnswerQuestion(requiredId(node, "questionId"),
                    plainText(node, "text", Question.MAX_TEXT_CHARS * 4), node.has("privately") && requiredBoolean(node, "privately"));
            case "questionStatus" -> {
                long id = requiredId(node, "questionId");
                String status = requiredText(node, "status", 16);
                yield new ClientMessage.SetQuestionStatus(id, switch (status) {
                    case "open" -> Question.Status.OPEN;
                    case "answered" -> Question.Status.ANSWERED;
                    case "dismissed" -> Question.Status.DISMISSED;
                    default -> throw new SignalException("invalid-field", "status", "status must be open, answered or dismissed");
                });
            }
            case "createPoll" -> {
                String question = plainText(node, "question", Poll.MAX_QUESTION_CHARS);
                JsonNode options = node.get("options");
                if (options == null || !options.isArray() || options.size() < Poll.MIN_OPTIONS || options.size() > Poll.MAX_OPTIONS)
                    throw new SignalException("invalid-field", "options",
                            "options must be a list of " + Poll.MIN_OPTIONS + " to " + Poll.MAX_OPTIONS + " texts");
                List<String> texts = new java.util.ArrayList<>();
                for (JsonNode option : options) {
                    if (!option.isTextual() || option.textValue().isBlank() || option.textValue().length() > Poll.MAX_OPTION_CHARS
                            || option.textValue().chars().anyMatch(c -> c < 0x20))
                        throw new SignalException("invalid-field", "options",
                                "each option must be 1 to " + Poll.MAX_OPTION_CHARS + " printable characters");
                    texts.add(option.textValue().strip());
                }
                yield new ClientMessage.CreatePoll(question, texts, node.has("multiple") && requiredBoolean(node, "multiple"),
                        node.has("anonymous") && requiredBoolean(node, "anonymous"));
            }
            case "vote" -> {
                long id = requiredId(node, "pollId");
                JsonNode choices = node.get("choices");
                if (choices == null || !choices.isArray() || choices.isEmpty() || choices.size() > Poll.MAX_OPTIONS)
                    throw new SignalException("invalid-field", "choices", "choices must be a list of option numbers");
                java.util.Set<Integer> chosen = new java.util.HashSet<>();
                for (JsonNode c : choices) {
                    if (!c.isInt() || c.intValue() < 0 || c.intValue() >= Poll.MAX_OPTIONS)
                        throw new SignalException("invalid-field", "choices", "choices must be option numbers from 0");
                    chosen.add(c.intValue());
                }
                yield new ClientMessage.Vote(id, chosen);
            }
            case "closePoll" -> new ClientMessage.ClosePoll(requiredId(node, "pollId"));
            case "sharePollResults" -> new ClientMessage.SharePollResults(requiredId(node, "pollId"));
            case "presentFile" -> new ClientMessage.PresentFile(requiredId(node, "fileId"));
            case "turnPage" -> {
                long page = requiredId(node, "page");
                if (page > Integer.MAX_VALUE) throw new SignalException("invalid-field", "page", "page is out of range");
                yield new ClientMessage.TurnPage((int) page);
            }
            case "stopPresenting" -> new ClientMessage.StopPresenting();
            case "shareFile" -> new ClientMessage.ShareFile(requiredId(node, "fileId"),
                    !node.has("shared") || requiredBoolean(node, "shared"));
            case "chat" -> {
                String message = plainText(node, "text", ChatMessage.MAX_TEXT_CHARS);
                String to = node.has("to") ? requiredText(node, "to", 64) : "everyone";
                yield new ClientMessage.Chat(message, ChatAudience.fromWireName(to));
            }
            case "reaction" -> {
                String name = requiredText(node, "reaction", 32);
                yield new ClientMessage.React(Reaction.fromWireName(name).orElseThrow(() -> new SignalException(
                        "invalid-field", "reaction", "reaction must be one of " + REACTION_NAMES)));
            }
            default -> throw new SignalException("unknown-type", "type", "unknown message type \"" + abbreviate(type) + "\"");
        };
    }

    private static List<ClientMessage.TileSize> tileSizes(JsonNode node) throws SignalException {
        JsonNode tiles = node.get("tiles");
        if (tiles == null || !tiles.isArray() || tiles.size() > ClientMessage.TileSizes.MAX_TILES)
            throw new SignalException("invalid-field", "tiles",
                    "tiles must be a list of at most " + ClientMessage.TileSizes.MAX_TILES + " {participantId, width, height}");
        List<ClientMessage.TileSize> sizes = new java.util.ArrayList<>(tiles.size());
        for (JsonNode tile : tiles) {
            if (!tile.isObject()) throw new SignalException("invalid-field", "tiles", "each tile must be an object");
            sizes.add(new ClientMessage.TileSize(requiredText(tile, "participantId", 64), screenTile(tile),
                    pixels(tile, "width"), pixels(tile, "height")));
        }
        return sizes;
    }

    /** A tile shows someone's camera ({@code source} absent or "camera") or their shared screen ("screen"). */
    private static boolean screenTile(JsonNode tile) throws SignalException {
        JsonNode source = tile.get("source");
        if (source == null || source.isNull()) return false;
        if (source.isTextual() && source.textValue().equals("camera")) return false;
        if (source.isTextual() && source.textValue().equals("screen")) return true;
        throw new SignalException("invalid-field", "source", "source must be \"camera\" or \"screen\"");
    }

    private static int pixels(JsonNode tile, String field) throws SignalException {
        JsonNode value = tile.get(field);
        if (value == null || !value.isInt() || value.intValue() < 0 || value.intValue() > ClientMessage.TileSizes.MAX_PIXELS)
            throw new SignalException("invalid-field", field,
                    field + " must be a whole number of pixels from 0 to " + ClientMessage.TileSizes.MAX_PIXELS);
        return value.intValue();
    }

    /** Text people wrote: trimmed, not empty, no control characters but newline and tab. */
    private static String plainText(JsonNode node, String field, int maxChars) throws SignalException {
        String text = requiredText(node, field, maxChars).strip();
        if (text.isEmpty()) throw new SignalException("invalid-field", field, field + " must not be empty");
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'))
            throw new SignalException("invalid-field", field, field + " must not contain control characters");
        return text;
    }

    private static long requiredId(JsonNode node, String field) throws SignalException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 1)
            throw new SignalException("invalid-field", field, field + " must be a positive whole number");
        return value.longValue();
    }

    private static String mediaKind(JsonNode node) throws SignalException {
        String kind = requiredText(node, "kind", 8);
        if (!kind.equals("audio") && !kind.equals("video"))
            throw new SignalException("invalid-field", "kind", "kind must be \"audio\" or \"video\"");
        return kind;
    }

    private static boolean requiredBoolean(JsonNode node, String field) throws SignalException {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean())
            throw new SignalException("invalid-field", field, field + " must be true or false");
        return value.booleanValue();
    }

    private static String requiredText(JsonNode node, String field, int maxChars) throws SignalException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual())
            throw new SignalException("invalid-field", field, field + " must be a string");
        if (value.textValue().length() > maxChars)
            throw new SignalException("too-large", field, field + " is longer than " + maxChars + " characters");
        return value.textValue();
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32);
    }

    public String welcome(Participant me, String room, String resumeToken, List<Participant> others,
                          long reconnectGraceMillis, List<ChatMessage> chatHistory) {
        ObjectNode n = typed("welcome");
        n.put("v", VERSION).put("participantId", me.id()).put("role", roleName(me)).put("handRaisedAt", me.handRaisedAt())
                .put("room", room).put("resumeToken", resumeToken)
                .put("reconnectGraceMs", reconnectGraceMillis);
        ArrayNode list = n.putArray("participants");
        others.forEach(p -> list.add(participant(p)));
        ArrayNode chat = n.putArray("chat");
        chatHistory.forEach(m -> chat.add(chatMessage(m)));
        n.set("iceServers", iceServers(json, iceServers));
        return n.toString();
    }

    /** The W3C RTCIceServer shape: {@code urls}, and for TURN {@code username} and {@code credential}. */
    public static ArrayNode iceServers(ObjectMapper json, List<IceServer> servers) {
        ArrayNode list = json.createArrayNode();
        for (IceServer s : servers) {
            ObjectNode n = list.addObject().put("urls", s.url());
            s.username().ifPresent(u -> n.put("username", u));
            s.credential().ifPresent(c -> n.put("credential", c));
        }
        return list;
    }

    public String joined(Participant p) {
        ObjectNode n = typed("participantJoined");
        n.set("participant", participant(p));
        return n.toString();
    }

    public String simple(String type, String participantId) {
        return typed(type).put("participantId", participantId).toString();
    }

    public String muted(String participantId, String kind, boolean muted) {
        return typed("muted").put("participantId", participantId).put("kind", kind).put("muted", muted).toString();
    }

    /** All the polls, as this reader may see them, sent after {@code welcome}. */
    public String polls(List<Poll> all, String readerId, Role readerRole) {
        ObjectNode n = typed("polls");
        ArrayNode list = n.putArray("polls");
        all.forEach(p -> list.add(pollView(p, readerId, readerRole)));
        return n.toString();
    }

    public String poll(Poll p, String readerId, Role readerRole) {
        return typed("poll").set("poll", pollView(p, readerId, readerRole)).toString();
    }

    /** Hosts see results live; others once a host shares them. Who chose what is for hosts, and never if anonymous. */
    private ObjectNode pollView(Poll p, String readerId, Role readerRole) {
        ObjectNode v = json.createObjectNode().put("id", p.id()).put("question", p.question())
                .put("multiple", p.multiple()).put("anonymous", p.anonymous())
                .put("status", p.status().name().toLowerCase(java.util.Locale.ROOT)).put("resultsShared", p.resultsShared());
        ArrayNode options = v.putArray("options");
        p.options().forEach(options::add);
        ArrayNode mine = v.putArray("myChoices");
        p.votes().getOrDefault(readerId, java.util.Set.of()).stream().sorted().forEach(mine::add);
        if (readerRole == Role.HOST || p.resultsShared()) {
            ArrayNode counts = v.putArray("counts");
            for (int c : p.counts()) counts.add(c);
            v.put("voters", p.votes().size());
        }
        if (readerRole == Role.HOST && !p.anonymous()) {
            ArrayNode byOption = v.putArray("votersByOption");
            for (int i = 0; i < p.options().size(); i++) {
                ArrayNode ids = byOption.addArray();
                int option = i;
                p.votes().forEach((voter, choices) -> { if (choices.contains(option)) ids.add(voter); });
            }
        }
        return v;
    }

    /** All the questions this reader may see, sent after {@code welcome}. */
    public String questions(List<Question> all, String readerId, Role readerRole) {
        ObjectNode n = typed("questions");
        ArrayNode list = n.putArray("questions");
        all.stream().filter(q -> q.visibleTo(readerId, readerRole)).forEach(q -> list.add(questionView(q, readerId, readerRole)));
        return n.toString();
    }

    /** What this reader may see of a changed question: the question, or that it is gone from its list. */
    public String question(Question q, String readerId, Role readerRole) {
        if (!q.visibleTo(readerId, readerRole)) return typed("questionHidden").put("id", q.id()).toString();
        return typed("question").set("question", questionView(q, readerId, readerRole)).toString();
    }

    private ObjectNode questionView(Question q, String readerId, Role readerRole) {
        ObjectNode v = json.createObjectNode().put("id", q.id()).put("text", q.text())
                .put("mine", q.askerId().equals(readerId)).put("votes", q.upvoters().size())
                .put("votedByMe", q.upvoters().contains(readerId))
                .put("status", q.status().name().toLowerCase(java.util.Locale.ROOT));
        if (q.anonymous()) v.putNull("askerName"); else v.put("askerName", q.askerName());
        if (q.answerVisibleTo(readerId, readerRole)) {
            v.putObject("answer").put("text", q.answer().text()).put("by", q.answer().hostName())
                    .put("private", q.answer().privately());
        }
        return v;
    }

    /** For hosts: whether newcomers wait in the lobby, and who waits there now, first come first. */
    public String lobby(boolean enabled, List<Participant> waiting) {
        ObjectNode n = typed("lobbyState").put("enabled", enabled);
        ArrayNode list = n.putArray("waiting");
        waiting.forEach(p -> list.add(json.createObjectNode().put("id", p.id()).put("name", p.displayName())));
        return n.toString();
    }

    public String locked(boolean locked, String changedBy) {
        return typed("roomLocked").put("locked", locked).put("by", changedBy).toString();
    }

    public String mutedByHost(String kind, String hostId) {
        return typed("mutedByHost").put("kind", kind).put("by", hostId).toString();
    }

    public String hand(String participantId, long raisedAt, String changedBy) {
        return typed("hand").put("participantId", participantId).put("raised", raisedAt != 0).put("raisedAt", raisedAt)
                .put("by", changedBy).toString();
    }

    public String chat(ChatMessage m) {
        return typed("chat").setAll(chatMessage(m)).toString();
    }

    private ObjectNode chatMessage(ChatMessage m) {
        return json.createObjectNode().put("id", m.id()).put("from", m.senderId()).put("fromName", m.senderName())
                .put("to", m.to().wireName()).put("text", m.text()).put("sentAt", m.sentAt().toString());
    }

    /** What the room shows: a page of a deck, or {@code fileId} null for nothing. */
    public String slides(dev.plenum.control.slides.SlideState state) {
        ObjectNode n = typed("slides");
        if (state == null) return n.putNull("fileId").toString();
        return n.put("fileId", state.fileId()).put("name", state.name()).put("page", state.page())
                .put("pages", state.pages()).toString();
    }

    /** The files everyone in the room may download, oldest first. */
    public String files(List<dev.plenum.control.files.StoredFile> shared) {
        ObjectNode n = typed("files");
        ArrayNode list = n.putArray("files");
        shared.forEach(f -> list.add(json.valueToTree(dev.plenum.control.files.FilesApi.view(f))));
        return n.toString();
    }

    public String reaction(String participantId, Reaction reaction) {
        return typed("reaction").put("participantId", participantId).put("reaction", reaction.wireName()).toString();
    }

    public String offer(String sdp) {
        return typed("offer").put("sdp", sdp).toString();
    }

    public String pong() {
        return typed("pong").toString();
    }

    /** Someone's role changed (promoted to presenter, demoted to attendee). */
    public String roleChanged(String participantId, Role role) {
        return typed("roleChanged").put("participantId", participantId)
                .put("role", role.name().toLowerCase(java.util.Locale.ROOT)).toString();
    }

    /**
     * For hosts of a planned room: where the live session's report is, as JSON and as the printable file; the host's
     * browser is signed in, so the page links to it directly.
     */
    public String sessionReport(long conferenceId, long sessionId) {
        String path = dev.plenum.control.report.ConferenceReport.sessionReportPath(conferenceId, sessionId);
        return typed("sessionReport").put("sessionId", sessionId).put("json", path).put("html", path + ".html").toString();
    }

    /**
     * Who shares a screen now ({@code participantId} null: nobody) and the msid stream id its video arrives under.
     */
    public String screenShare(String participantId, String streamId) {
        ObjectNode n = typed("screenShare");
        if (participantId == null) return n.putNull("participantId").putNull("streamId").toString();
        return n.put("participantId", participantId).put("streamId", streamId).toString();
    }

    /** Last-N: the participants whose cameras this page receives now (docs/signaling.md {@code lastN}). */
    public String lastN(List<String> participantIds) {
        ObjectNode n = typed("lastN");
        ArrayNode ids = n.putArray("participantIds");
        participantIds.forEach(ids::add);
        return n.toString();
    }

    /** Whether this participant's own microphone and camera go anywhere (false for an attendee in a webinar). */
    public String publishRights(boolean mayPublish) {
        return typed("publishRights").put("mayPublish", mayPublish).toString();
    }

    /** A host invites you to speak: answer with {@code promotion}. */
    public String promotionOffered(String hostId) {
        return typed("promotionOffered").put("by", hostId).toString();
    }

    public String error(String code, String field, String message) {
        ObjectNode n = typed("error").put("code", code).put("message", message);
        if (field != null) n.put("field", field);
        return n.toString();
    }

    private ObjectNode participant(Participant p) {
        return json.createObjectNode().put("id", p.id()).put("name", p.displayName()).put("role", roleName(p))
                .put("reconnecting", p.presence() == Participant.Presence.RECONNECTING)
                .put("audioMuted", p.audioMuted()).put("videoMuted", p.videoMuted()).put("handRaisedAt", p.handRaisedAt());
    }

    private static String roleName(Participant p) {
        return p.role().name().toLowerCase(java.util.Locale.ROOT);
    }

    private ObjectNode typed(String type) {
        return json.createObjectNode().put("type", type);
    }
}
