package dev.plenum.control.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Plenum-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} of {@code "<t>.<body>"} under
 * the endpoint's secret. The timestamp is signed too, so a receiver can refuse replays of old deliveries.
 */
public final class WebhookSignature {
    public static final String HEADER = "Plenum-Signature";

    private WebhookSignature() {}

    public static String sign(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, unixSeconds + "." + body));
    }

    /** What a receiver does: recompute and compare in constant time; false for any malformed header. */
    public static boolean verify(String secret, String header, String body) {
        if (header == null || !header.matches("t=[0-9]{1,12},v1=[0-9a-f]{64}")) return false;
        String t = header.substring(2, header.indexOf(','));
        byte[] given = HexFormat.of().parseHex(header.substring(header.indexOf("v1=") + 3));
        return MessageDigest.isEqual(given, mac(secret, t + "." + body));
    }

    private static byte[] mac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
