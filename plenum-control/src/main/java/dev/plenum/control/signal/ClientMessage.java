package dev.plenum.control.signal;

/** Messages a browser sends on the signaling WebSocket (docs/signaling.md, version 1). */
public sealed interface ClientMessage {
    /** The participant leaves on purpose; others are told at once. */
    record Leave() implements ClientMessage {}
    /** The participant muted or unmuted a kind of media ("audio" or "video"). */
    record Mute(String kind, boolean muted) implements ClientMessage {}
    /** The browser's SDP answer to the server's latest offer. */
    record Answer(String sdp) implements ClientMessage {}
    /**
     * Raise or lower a hand: one's own ({@code participantId} null), or, for hosts only, someone else's (lowering
     * it once their question is taken).
     */
    record Hand(boolean raised, String participantId) implements ClientMessage {}
    /** A brief reaction shown to everyone. */
    record React(dev.plenum.control.room.Reaction reaction) implements ClientMessage {}
    /** A chat message to everyone, to the hosts, or to one person. */
    record Chat(String text, dev.plenum.control.chat.ChatAudience to) implements ClientMessage {}
    /** Host: mute someone's microphone ("audio") or stop their camera ("video"). */
    record MuteParticipant(String participantId, String kind) implements ClientMessage {}
    /** Host: mute every microphone but the hosts' own. */
    record MuteEveryone() implements ClientMessage {}
    /** Host: remove someone for the rest of the session. */
    record RemoveParticipant(String participantId) implements ClientMessage {}
    /** Host: lock or unlock the room to newcomers. */
    record LockRoom(boolean locked) implements ClientMessage {}
    /** Ask the hosts a question, optionally without one's name. */
    record Ask(String text, boolean anonymous) implements ClientMessage {}
    /** Upvote a question, or take the vote back. */
    record Upvote(long questionId) implements ClientMessage {}
    /** Host: answer a question, for everyone or privately for the asker. */
    record AnswerQuestion(long questionId, String text, boolean privately) implements ClientMessage {}
    /** Host: mark a question answered, dismiss it, or open it again. */
    record SetQuestionStatus(long questionId, dev.plenum.control.qa.Question.Status status) implements ClientMessage {}
    /** Host: start a poll. */
    record CreatePoll(String question, java.util.List<String> options, boolean multiple, boolean anonymous)
            implements ClientMessage {}
    /** Choose one option (or several, in a multiple-choice poll); a new vote replaces the last. */
    record Vote(long pollId, java.util.Set<Integer> choices) implements ClientMessage {}
    /** Host: stop a poll's voting. */
    record ClosePoll(long pollId) implements ClientMessage {}
    /** Host: show a poll's results to everyone. */
    record SharePollResults(long pollId) implements ClientMessage {}
    /** Receive no video at all (for the poorest links), or receive it again; audio always flows. */
    record AudioOnly(boolean on) implements ClientMessage {}
    /**
     * The size each of the others' videos is shown at on this page, in device pixels; 0×0 when it is not seen at all
     * (scrolled away, page hidden), and then the SFU stops forwarding that video to this page.
     */
    record TileSizes(java.util.List<TileSize> tiles) implements ClientMessage {
        public static final int MAX_TILES = 256;
        public static final int MAX_PIXELS = 16384;

        public TileSizes {
            tiles = java.util.List.copyOf(tiles);
        }
    }
    /** Share one's screen as a second video (or stop); refused ({@code forbidden}) to those who may not publish. */
    record ShareScreen(boolean on) implements ClientMessage {}
    /** A tile shows {@code participantId}'s camera, or with {@code screen} its shared screen. */
    record TileSize(String participantId, boolean screen, int width, int height) {}
    /** Host: make newcomers (other than hosts) wait in a lobby until a host lets them in, or stop doing so. */
    record SetLobby(boolean enabled) implements ClientMessage {}
    /** Host: let a waiting participant in, or turn it away. */
    record Admit(String participantId, boolean admitted) implements ClientMessage {}
    /** Host: invite an attendee to speak (in a webinar: to publish); the attendee accepts or declines. */
    record Promote(String participantId) implements ClientMessage {}
    /** The invited attendee's answer: accepted makes it a presenter, who may publish. */
    record AnswerPromotion(boolean accepted) implements ClientMessage {}
    /** Host: make a presenter an attendee again; in a webinar its tracks leave everyone at once. */
    record Demote(String participantId) implements ClientMessage {}
    /** Host or presenter: what the room is shown and which files it may download. */
    sealed interface Presenting extends ClientMessage {}
    /** Show an uploaded PDF to everyone, from page 1. */
    record PresentFile(long fileId) implements Presenting {}
    /** Turn to a page (from 1) of the PDF shown now. */
    record TurnPage(int page) implements Presenting {}
    /** Show no slides any more. */
    record StopPresenting() implements Presenting {}
    /** Offer an uploaded file for download to everyone in the room, or stop offering it. */
    record ShareFile(long fileId, boolean shared) implements Presenting {}
    /** Keep-alive; answered with pong. */
    record Ping() implements ClientMessage {}
}
