package nl.buurtbegroting.service.web;

import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.multipart.CompletedPart;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Every part of a multipart form, so that the API's import and the organiser pages can judge the form as a whole (a
 * part given twice, a part of an unknown name) instead of binding the first part of a name and dropping the rest.
 */
public final class MultipartParts {

    private MultipartParts() {
    }

    /** Every part of the form, once all have arrived; no thread waits meanwhile. */
    public static CompletableFuture<List<CompletedPart>> collect(Publisher<CompletedPart> form) {
        CompletableFuture<List<CompletedPart>> done = new CompletableFuture<>();
        form.subscribe(new Subscriber<>() {
            private final List<CompletedPart> parts = new ArrayList<>();

            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(CompletedPart part) {
                parts.add(part);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(realFailure(t));
            }

            @Override
            public void onComplete() {
                done.complete(parts);
            }
        });
        return done;
    }

    /**
     * The failure the sender must hear. When a form breaks a limit (more than 128 parts), Micronaut releases the parts
     * it holds, and releasing one already released throws Netty's IllegalReferenceCountException, which then carries
     * the real failure only as a suppressed exception: answered as it came, the form over the limit was a 500.
     */
    static Throwable realFailure(Throwable t) {
        if (t instanceof ContentLengthExceededException) {
            return t;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (suppressed instanceof ContentLengthExceededException) {
                return suppressed;
            }
        }
        return t;
    }
}
