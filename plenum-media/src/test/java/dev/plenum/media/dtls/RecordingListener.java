package dev.plenum.media.dtls;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Test listener that turns endpoint events into futures. */
final class RecordingListener implements DtlsListener {

    record Failure(String reason, Throwable cause) {
    }

    final CompletableFuture<DtlsSrtpKeys> completed = new CompletableFuture<>();
    final CompletableFuture<Failure> failed = new CompletableFuture<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();

    @Override
    public void onHandshakeComplete(DtlsSrtpKeys keys) {
        completed.complete(keys);
    }

    @Override
    public void onHandshakeFailed(String reason, Throwable cause) {
        failed.complete(new Failure(reason, cause));
    }

    @Override
    public void onClosed(String reason) {
        closed.complete(reason);
    }

    DtlsSrtpKeys awaitKeys() throws Exception {
        return completed.get(10, TimeUnit.SECONDS);
    }

    Failure awaitFailure() throws Exception {
        return failed.get(10, TimeUnit.SECONDS);
    }

    String awaitClosed() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }
}
