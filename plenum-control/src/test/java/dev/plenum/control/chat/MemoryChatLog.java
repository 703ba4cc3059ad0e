package dev.plenum.control.chat;

import dev.plenum.control.token.Role;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chat log held in memory, for tests of what uses a chat log: the last {@code perRoom} messages of each room.
 */
public final class MemoryChatLog implements ChatLog {
    private final int perRoom;
    private final Map<String, Deque<ChatMessage>> rooms = new ConcurrentHashMap<>();
    private long lastId;

    public MemoryChatLog(int perRoom) {
        if (perRoom < 1) throw new IllegalArgumentException("perRoom must be >= 1");
        this.perRoom = perRoom;
    }

    @Override
    public synchronized ChatMessage append(String room, String senderId, String senderName, ChatAudience to, String text,
                                           Instant sentAt) {
        ChatMessage m = new ChatMessage(++lastId, room, senderId, senderName, to, text, sentAt);
        Deque<ChatMessage> log = rooms.computeIfAbsent(room, r -> new ArrayDeque<>());
        log.addLast(m);
        if (log.size() > perRoom) log.removeFirst();
        return m;
    }

    @Override
    public synchronized List<ChatMessage> history(String room, String readerId, Role readerRole, int limit) {
        List<ChatMessage> visible = new ArrayList<>();
        for (ChatMessage m : rooms.getOrDefault(room, new ArrayDeque<>())) {
            if (m.visibleTo(readerId, readerRole)) visible.add(m);
        }
        return visible.subList(Math.max(0, visible.size() - limit), visible.size());
    }
}
