package dev.plenum.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses SDP text (RFC 8866 line grammar) into a {@link SessionDescription}, interpreting the subset of attributes that
 * JSEP (RFC 8829) and Plenum's SFU use.
 *
 * <p>Rules: lines end in CRLF or LF; each line is {@code <type>=<value>} with a one-letter type. {@code v=0} must come
 * first and an {@code o=} line must precede the first m-line. A line or attribute this parser does not know is kept
 * (attributes) or ignored (other line types), never fatal; a known attribute with a malformed value is an error,
 * because the media plane would otherwise act on a guess. Every error is an {@link SdpException} naming the line.
 *
 * <p>Bounds: {@link SdpLimits} caps the text length, the line length and the number of m-sections before any work
 * that depends on them, so memory stays proportional to the (bounded) input. Thread model: an instance is immutable
 * and may be shared; each call works on its own state.
 */
public final class SdpParser {
    private final SdpLimits limits;

    public SdpParser(SdpLimits limits) {
        this.limits = limits;
    }

    /** Parses with {@link SdpLimits#DEFAULT}. */
    public static SessionDescription parse(String sdp) throws SdpException {
        return new SdpParser(SdpLimits.DEFAULT).parseDescription(sdp);
    }

    public SessionDescription parseDescription(String sdp) throws SdpException {
        if (sdp == null || sdp.isEmpty()) {
            throw new SdpException(0, "SDP is empty");
        }
        if (sdp.length() > limits.maxLength()) {
            throw new SdpException(0, "SDP is " + sdp.length() + " characters, more than the limit of "
                    + limits.maxLength());
        }
        Parse p = new Parse();
        int lineNumber = 0;
        int start = 0;
        int n = sdp.length();
        while (start < n) {
            int end = sdp.indexOf('\n', start);
            int next = end < 0 ? n : end + 1;
            if (end < 0) {
                end = n;
            }
            if (end > start && sdp.charAt(end - 1) == '\r') {
                end--;
            }
            lineNumber++;
            if (end - start > limits.maxLineLength()) {
                throw new SdpException(lineNumber, "line is " + (end - start) + " characters, more than the limit of "
                        + limits.maxLineLength());
            }
            if (end > start) {
                p.line(lineNumber, sdp.substring(start, end));
            }
            start = next;
        }
        return p.finish(lineNumber);
    }

    static boolean isRtpProtocol(String protocol) {
        return protocol.contains("RTP/");
    }

    /** The mutable state of one parse. */
    private final class Parse {
        private boolean sawVersion;
        private Origin origin;
        private String sessionName = "";
        private boolean iceLite;
        private String iceUfrag;
        private String icePwd;
        private final List<Fingerprint> fingerprints = new ArrayList<>();
        private Setup setup;
        private Direction sessionDirection;
        private final List<Group> groups = new ArrayList<>();
        private final List<Attribute> other = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();
        private MediaBuilder current;

        void line(int no, String line) throws SdpException {
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpException(no, "expected <type>=<value>, got '" + abbreviate(line) + "'");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (!sawVersion) {
                if (type != 'v' || !value.equals("0")) {
                    throw new SdpException(no, "an SDP must begin with v=0 (RFC 8866 §5.1)");
                }
                sawVersion = true;
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == 0 || c == '\r') {
                    throw new SdpException(no, "NUL or CR inside a line");
                }
            }
            switch (type) {
                case 'v' -> throw new SdpException(no, "v= may appear only once, as the first line");
                case 'o' -> {
                    if (current != null || origin != null) {
                        throw new SdpException(no, "o= must appear once, at session level");
                    }
                    origin = origin(no, value);
                }
                case 's' -> {
                    if (current == null) {
                        sessionName = value;
                    }
                }
                case 'm' -> mediaLine(no, value);
                case 'a' -> attribute(no, value);
                default -> {
                    // c=, t=, b=, i=, u=, e=, p=, r=, z=, k= and future types carry nothing the SFU uses.
                }
            }
        }

        private void mediaLine(int no, String value) throws SdpException {
            if (origin == null) {
                throw new SdpException(no, "m= before the o= line");
            }
            if (media.size() + (current == null ? 0 : 1) >= limits.maxMediaSections()) {
                throw new SdpException(no, "more than " + limits.maxMediaSections() + " m-sections");
            }
            closeMedia();
            String[] f = value.split(" ", -1);
            if (f.length < 4) {
                throw new SdpException(no, "m= needs <media> <port> <proto> <fmt>... (RFC 8866 §5.14)");
            }
            String portField = f[1];
            int slash = portField.indexOf('/');
            int port = number(no, slash < 0 ? portField : portField.substring(0, slash), 0, 65535, "m-line port");
            String protocol = f[2];
            if (protocol.isEmpty()) {
                throw new SdpException(no, "m-line has an empty protocol");
            }
            List<String> formats = new ArrayList<>(f.length - 3);
            for (int i = 3; i < f.length; i++) {
                if (f[i].isEmpty()) {
                    throw new SdpException(no, "m-line has an empty format (double space?)");
                }
                formats.add(f[i]);
            }
            current = new MediaBuilder(f[0], port, protocol, formats);
            if (isRtpProtocol(protocol)) {
                for (String fmt : formats) {
                    int pt = number(no, fmt, 0, 127, "payload type");
                    if (current.payloads.containsKey(pt)) {
                        throw new SdpException(no, "payload type " + pt + " appears twice in the m-line");
                    }
                    current.payloads.put(pt, new PayloadBuilder());
                }
            }
        }

        private void attribute(int no, String value) throws SdpException {
            int colon = value.indexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            String v = colon < 0 ? "" : value.substring(colon + 1);
            MediaBuilder m = current;
            Optional<Direction> direction = Direction.fromAttribute(name);
            if (direction.isPresent()) {
                if (m == null) {
                    sessionDirection = direction.get();
                } else {
                    m.direction = direction.get();
                }
                return;
            }
            switch (name) {
                case "ice-ufrag" -> {
                    requireValue(no, name, v);
                    if (m == null) {
                        iceUfrag = v;
                    } else {
                        m.iceUfrag = v;
                    }
                }
                case "ice-pwd" -> {
                    requireValue(no, name, v);
                    if (m == null) {
                        icePwd = v;
                    } else {
                        m.icePwd = v;
                    }
                }
                case "fingerprint" -> (m == null ? fingerprints : m.fingerprints).add(fingerprint(no, v));
                case "setup" -> {
                    Setup s = Setup.fromToken(v.trim())
                            .orElseThrow(() -> new SdpException(no, "unknown a=setup value '" + abbreviate(v) + "'"));
                    if (m == null) {
                        setup = s;
                    } else {
                        m.setup = s;
                    }
                }
                case "ice-lite" -> {
                    if (m == null) {
                        iceLite = true;
                    } else {
                        m.other.add(new Attribute(name, v));
                    }
                }
                case "group" -> {
                    if (m != null) {
                        m.other.add(new Attribute(name, v));
                    } else {
                        groups.add(group(no, v));
                    }
                }
                default -> {
                    if (m == null) {
                        other.add(new Attribute(name, v));
                    } else {
                        mediaAttribute(no, m, name, v);
                    }
                }
            }
        }

        private void mediaAttribute(int no, MediaBuilder m, String name, String v) throws SdpException {
            switch (name) {
                case "mid" -> {
                    requireValue(no, name, v);
                    if (m.mid != null) {
                        throw new SdpException(no, "second a=mid in one m-section");
                    }
                    m.mid = v;
                }
                case "rtcp-mux" -> m.rtcpMux = true;
                case "rtcp-rsize" -> m.rtcpRsize = true;
                case "rtpmap" -> {
                    String[] f = twoFields(no, name, v);
                    PayloadBuilder p = payload(no, m, name, f[0]);
                    if (p == null) {
                        m.other.add(new Attribute(name, v));
                    } else if (p.rtpMap != null) {
                        throw new SdpException(no, "second a=rtpmap for payload type " + f[0]);
                    } else {
                        p.rtpMap = rtpMap(no, f[1]);
                    }
                }
                case "fmtp" -> {
                    String[] f = twoFields(no, name, v);
                    PayloadBuilder p = payload(no, m, name, f[0]);
                    if (p == null) {
                        m.other.add(new Attribute(name, v));
                    } else if (p.fmtp != null) {
                        throw new SdpException(no, "second a=fmtp for payload type " + f[0]);
                    } else {
                        p.fmtp = f[1];
                    }
                }
                case "rtcp-fb" -> {
                    String[] f = twoFields(no, name, v);
                    PayloadBuilder p = f[0].equals("*") ? null : payload(no, m, name, f[0]);
                    if (p == null) {
                        m.other.add(new Attribute(name, v));
                    } else {
                        p.rtcpFb.add(f[1]);
                    }
                }
                case "extmap" -> {
                    String[] f = twoFields(no, name, v);
                    String idField = f[0];
                    int slash = idField.indexOf('/');
                    int id = number(no, slash < 0 ? idField : idField.substring(0, slash), 1, 255, "extmap id");
                    String uri = f[1];
                    int space = uri.indexOf(' ');
                    if (space >= 0) {
                        uri = uri.substring(0, space); // extension attributes are not kept
                    }
                    for (Extmap e : m.extmaps) {
                        if (e.id() == id) {
                            throw new SdpException(no, "extmap id " + id + " used twice (RFC 8285 §5)");
                        }
                    }
                    m.extmaps.add(new Extmap(id, uri));
                }
                case "ssrc" -> {
                    String[] f = twoFields(no, name, v);
                    long ssrc = ssrcNumber(no, f[0]);
                    SsrcBuilder s = m.ssrcs.computeIfAbsent(ssrc, k -> new SsrcBuilder());
                    String attr = f[1];
                    int colon = attr.indexOf(':');
                    String attrName = colon < 0 ? attr : attr.substring(0, colon);
                    String attrValue = colon < 0 ? "" : attr.substring(colon + 1);
                    switch (attrName) {
                        case "cname" -> s.cname = attrValue;
                        case "msid" -> s.msid = msid(no, attrValue);
                        default -> {
                            // mslabel, label and others are legacy; nothing to keep.
                        }
                    }
                }
                case "ssrc-group" -> {
                    String[] f = v.split(" ", -1);
                    if (f.length < 2 || f[0].isEmpty()) {
                        throw new SdpException(no, "a=ssrc-group needs <semantics> <ssrc>... (RFC 5576 §4.2)");
                    }
                    List<Long> ssrcs = new ArrayList<>(f.length - 1);
                    for (int i = 1; i < f.length; i++) {
                        ssrcs.add(ssrcNumber(no, f[i]));
                    }
                    m.ssrcGroups.add(new SsrcGroup(f[0], ssrcs));
                }
                case "msid" -> m.msids.add(msid(no, v));
                case "rid" -> {
                    requireValue(no, name, v);
                    m.rids.add(v);
                }
                case "simulcast" -> {
                    requireValue(no, name, v);
                    m.simulcast = v;
                }
                case "candidate" -> m.candidates.add(candidate(no, v));
                case "end-of-candidates" -> m.endOfCandidates = true;
                default -> m.other.add(new Attribute(name, v));
            }
        }

        SessionDescription finish(int lastLine) throws SdpException {
            if (!sawVersion) {
                throw new SdpException(0, "SDP has no lines");
            }
            if (origin == null) {
                throw new SdpException(lastLine, "SDP has no o= line (RFC 8866 §5.2)");
            }
            closeMedia();
            return new SessionDescription(origin, sessionName, iceLite, Optional.ofNullable(iceUfrag),
                    Optional.ofNullable(icePwd), fingerprints, Optional.ofNullable(setup), groups, media, other);
        }

        private void closeMedia() {
            if (current == null) {
                return;
            }
            MediaBuilder m = current;
            List<PayloadType> payloads = new ArrayList<>(m.payloads.size());
            for (Map.Entry<Integer, PayloadBuilder> e : m.payloads.entrySet()) {
                PayloadBuilder p = e.getValue();
                payloads.add(new PayloadType(e.getKey(), Optional.ofNullable(p.rtpMap), Optional.ofNullable(p.fmtp),
                        p.rtcpFb));
            }
            List<Ssrc> ssrcs = new ArrayList<>(m.ssrcs.size());
            for (Map.Entry<Long, SsrcBuilder> e : m.ssrcs.entrySet()) {
                ssrcs.add(new Ssrc(e.getKey(), Optional.ofNullable(e.getValue().cname),
                        Optional.ofNullable(e.getValue().msid)));
            }
            Direction direction = m.direction != null ? m.direction
                    : sessionDirection != null ? sessionDirection : Direction.SENDRECV;
            media.add(new MediaDescription(MediaKind.fromToken(m.media), m.media, m.port, m.protocol, m.formats,
                    Optional.ofNullable(m.mid), direction, m.rtcpMux, m.rtcpRsize, Optional.ofNullable(m.iceUfrag),
                    Optional.ofNullable(m.icePwd), m.fingerprints, Optional.ofNullable(m.setup), payloads, m.extmaps,
                    ssrcs, m.ssrcGroups, m.msids, m.rids, Optional.ofNullable(m.simulcast), m.candidates,
                    m.endOfCandidates, m.other));
            current = null;
        }
    }

    private static Origin origin(int no, String value) throws SdpException {
        String[] f = value.split(" ", -1);
        if (f.length != 6) {
            throw new SdpException(no, "o= needs 6 fields: <username> <sess-id> <sess-version> <nettype> <addrtype> "
                    + "<unicast-address> (RFC 8866 §5.2)");
        }
        for (int i = 1; i <= 2; i++) {
            if (!digits(f[i], 20)) {
                throw new SdpException(no, (i == 1 ? "session id" : "session version")
                        + " must be 1 to 20 decimal digits");
            }
        }
        return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    private static Group group(int no, String v) throws SdpException {
        String[] f = v.split(" ", -1);
        if (f[0].isEmpty()) {
            throw new SdpException(no, "a=group needs a semantics token (RFC 5888 §5)");
        }
        List<String> mids = new ArrayList<>(f.length - 1);
        for (int i = 1; i < f.length; i++) {
            if (f[i].isEmpty()) {
                throw new SdpException(no, "a=group has an empty identification tag");
            }
            mids.add(f[i]);
        }
        return new Group(f[0], mids);
    }

    private static Fingerprint fingerprint(int no, String v) throws SdpException {
        String[] f = v.split(" ", -1);
        if (f.length != 2 || f[0].isEmpty() || f[1].isEmpty()) {
            throw new SdpException(no, "a=fingerprint needs <hash-func> <fingerprint> (RFC 8122 §5)");
        }
        return new Fingerprint(f[0], f[1]);
    }

    private static RtpMap rtpMap(int no, String v) throws SdpException {
        String[] f = v.split("/", -1);
        if (f.length < 2 || f.length > 3 || f[0].isEmpty()) {
            throw new SdpException(no, "a=rtpmap needs <encoding name>/<clock rate>[/<parameters>] (RFC 8866 §6.6)");
        }
        int clockRate = number(no, f[1], 1, Integer.MAX_VALUE, "clock rate");
        int channels = f.length == 3 ? number(no, f[2], 1, 255, "channel count") : 1;
        return new RtpMap(f[0], clockRate, channels);
    }

    private static Msid msid(int no, String v) throws SdpException {
        String[] f = v.split(" ", -1);
        if (f.length > 2 || f[0].isEmpty() || (f.length == 2 && f[1].isEmpty())) {
            throw new SdpException(no, "msid needs <stream id> [<track id>] (RFC 8830 §2)");
        }
        return new Msid(f[0], f.length == 2 ? f[1] : "");
    }

    private static Candidate candidate(int no, String v) throws SdpException {
        String[] f = v.split(" ", -1);
        if (f.length < 8 || !f[6].equals("typ")) {
            throw new SdpException(no, "a=candidate needs <foundation> <component> <transport> <priority> <address> "
                    + "<port> typ <type> (RFC 8839 §5.1)");
        }
        if (f[0].isEmpty() || f[0].length() > 32 || f[4].isEmpty() || f[7].isEmpty()) {
            throw new SdpException(no, "a=candidate has an empty or overlong field");
        }
        int component = number(no, f[1], 1, 256, "candidate component id");
        long priority = longNumber(no, f[3], 1, 0xFFFF_FFFFL, "candidate priority");
        int port = number(no, f[5], 0, 65535, "candidate port");
        String tcpType = null;
        for (int i = 8; i + 1 < f.length; i += 2) {
            if (f[i].equals("tcptype")) {
                tcpType = f[i + 1];
            }
        }
        return new Candidate(f[0], component, f[2].toLowerCase(Locale.ROOT), priority, f[4], port, f[7],
                Optional.ofNullable(tcpType));
    }

    private static PayloadBuilder payload(int no, MediaBuilder m, String name, String pt) throws SdpException {
        if (!isRtpProtocol(m.protocol)) {
            return null;
        }
        // A payload type missing from the m-line is not fatal: the attribute is kept as written.
        return m.payloads.get(number(no, pt, 0, 127, "a=" + name + " payload type"));
    }

    private static String[] twoFields(int no, String name, String v) throws SdpException {
        int space = v.indexOf(' ');
        if (space <= 0 || space == v.length() - 1) {
            throw new SdpException(no, "a=" + name + " needs two space-separated fields, got '" + abbreviate(v) + "'");
        }
        return new String[] {v.substring(0, space), v.substring(space + 1)};
    }

    private static void requireValue(int no, String name, String v) throws SdpException {
        if (v.isEmpty()) {
            throw new SdpException(no, "a=" + name + " needs a value");
        }
    }

    private static long ssrcNumber(int no, String s) throws SdpException {
        return longNumber(no, s, 0, 0xFFFF_FFFFL, "SSRC");
    }

    private static int number(int no, String s, int min, int max, String what) throws SdpException {
        return (int) longNumber(no, s, min, max, what);
    }

    private static long longNumber(int no, String s, long min, long max, String what) throws SdpException {
        if (!digits(s, 10)) {
            throw new SdpException(no, what + " must be a decimal number, got '" + abbreviate(s) + "'");
        }
        long value = Long.parseLong(s);
        if (value < min || value > max) {
            throw new SdpException(no, what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    private static boolean digits(String s, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Keeps quoted input short in messages, which end up in logs. */
    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static final class MediaBuilder {
        final String media;
        final int port;
        final String protocol;
        final List<String> formats;
        final Map<Integer, PayloadBuilder> payloads = new LinkedHashMap<>();
        String mid;
        Direction direction;
        boolean rtcpMux;
        boolean rtcpRsize;
        String iceUfrag;
        String icePwd;
        final List<Fingerprint> fingerprints = new ArrayList<>();
        Setup setup;
        final List<Extmap> extmaps = new ArrayList<>();
        final Map<Long, SsrcBuilder> ssrcs = new LinkedHashMap<>();
        final List<SsrcGroup> ssrcGroups = new ArrayList<>();
        final List<Msid> msids = new ArrayList<>();
        final List<String> rids = new ArrayList<>();
        String simulcast;
        final List<Candidate> candidates = new ArrayList<>();
        boolean endOfCandidates;
        final List<Attribute> other = new ArrayList<>();

        MediaBuilder(String media, int port, String protocol, List<String> formats) {
            this.media = media;
            this.port = port;
            this.protocol = protocol;
            this.formats = formats;
        }
    }

    private static final class PayloadBuilder {
        RtpMap rtpMap;
        String fmtp;
        final List<String> rtcpFb = new ArrayList<>();
    }

    private static final class SsrcBuilder {
        String cname;
        Msid msid;
    }
}
