package dev.plenum.control.room;

/** What the members of a room are told about each other. */
public sealed interface RoomEvent {
    record Joined(Participant participant) implements RoomEvent {}
    record Left(String participantId) implements RoomEvent {}
    record Reconnecting(String participantId) implements RoomEvent {}
    record Resumed(String participantId) implements RoomEvent {}
    record MuteChanged(String participantId, String kind, boolean muted) implements RoomEvent {}
    /** A hand went up ({@code raisedAt} its place in the queue) or down ({@code raisedAt} 0); everyone is told. */
    record HandChanged(String participantId, long raisedAt, String changedBy) implements RoomEvent {}
    record Reacted(String participantId, Reaction reaction) implements RoomEvent {}
    /** Told to hosts only: the lobby was switched, or someone started or stopped waiting in it. */
    record LobbyChanged(boolean enabled, java.util.List<Participant> waiting) implements RoomEvent {}
    record LockChanged(boolean locked, String changedBy) implements RoomEvent {}
    /** A host muted this participant's audio or video; only that participant is told (the others see MuteChanged). */
    record MutedByHost(String participantId, String kind, String hostId) implements RoomEvent {}
    record PollChanged(dev.plenum.control.poll.Poll poll) implements RoomEvent {}
    record QuestionChanged(dev.plenum.control.qa.Question question) implements RoomEvent {}
    record Chatted(dev.plenum.control.chat.ChatMessage message) implements RoomEvent {}
    /** Someone was promoted to presenter or demoted to attendee; everyone is told. */
    record RoleChanged(String participantId, dev.plenum.control.token.Role role) implements RoomEvent {}
    /** A host invites this participant to speak; only that participant is told (it accepts or declines). */
    record PromotionOffered(String participantId, String hostId) implements RoomEvent {}
    /** The participant declined a host's invitation to speak; the hosts are told. */
    record PromotionDeclined(String participantId) implements RoomEvent {}
    /** The room shows another page or deck ({@code state}), or nothing any more ({@code state} null). */
    record SlidesChanged(dev.plenum.control.slides.SlideState state) implements RoomEvent {}
    /** The files the room offers for download changed; {@code files} is the whole list. */
    record FilesShared(java.util.List<dev.plenum.control.files.StoredFile> files) implements RoomEvent {}
    /** Someone now shares a screen ({@code participantId}), replacing any earlier share, or nobody does (null). */
    record ScreenShareChanged(String participantId) implements RoomEvent {}
    /** A host started ({@code on}) or stopped the recording, or it stopped with the session ({@code changedBy} null). */
    record RecordingChanged(boolean on, String changedBy) implements RoomEvent {}
}
