package dev.plenum.control.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plenum.control.IceServer;
import dev.plenum.control.room.Participant;
import java.util.List;

/**
 * Turns signaling JSON into {@link ClientMessage}s (strictly: every problem names its field) and server events
 * into JSON. Every message is an object with a string {@code type}.
 */
public final class SignalCodec {
    public static final int VERSION = 1;
    private static final int MAX_SDP_CHARS = 64 * 1024;
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
            case "mute" -> {
                String kind = requiredText(node, "kind", 8);
                if (!kind.equals("audio") && !kind.equals("video"))
                    throw new SignalException("invalid-field", "kind", "kind must be \"audio\" or \"video\"");
                JsonNode muted = node.get("muted");
                if (muted == null || !muted.isBoolean())
                    throw new SignalException("invalid-field", "muted", "muted must be true or false");
                yield new ClientMessage.Mute(kind, muted.booleanValue());
            }
            case "answer" -> new ClientMessage.Answer(requiredText(node, "sdp", MAX_SDP_CHARS));
            default -> throw new SignalException("unknown-type", "type", "unknown message type \"" + abbreviate(type) + "\"");
        };
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

    public String welcome(String participantId, String room, String resumeToken, List<Participant> others,
                          long reconnectGraceMillis) {
        ObjectNode n = typed("welcome");
        n.put("v", VERSION).put("participantId", participantId).put("room", room).put("resumeToken", resumeToken)
                .put("reconnectGraceMs", reconnectGraceMillis);
        ArrayNode list = n.putArray("participants");
        others.forEach(p -> list.add(participant(p)));
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

    public String offer(String sdp) {
        return typed("offer").put("sdp", sdp).toString();
    }

    public String pong() {
        return typed("pong").toString();
    }

    public String error(String code, String field, String message) {
        ObjectNode n = typed("error").put("code", code).put("message", message);
        if (field != null) n.put("field", field);
        return n.toString();
    }

    private ObjectNode participant(Participant p) {
        return json.createObjectNode().put("id", p.id()).put("name", p.displayName()).put("role", p.role().name().toLowerCase())
                .put("reconnecting", p.presence() == Participant.Presence.RECONNECTING)
                .put("audioMuted", p.audioMuted()).put("videoMuted", p.videoMuted());
    }

    private ObjectNode typed(String type) {
        return json.createObjectNode().put("type", type);
    }
}
