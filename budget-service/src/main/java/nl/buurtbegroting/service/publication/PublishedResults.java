package nl.buurtbegroting.service.publication;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Published results, read and parsed once. A publication never changes and an election is never deleted, so a
 * parsed result stays true. The most recently read are kept up to {@link #KEEP_BYTES} of stored JSON in all (about
 * three times that in memory once parsed): a few results of 5,000 proposals, or hundreds of a neighbourhood's size;
 * the newest is always kept. The checks of {@link PublicationService#result(long)} (404, 409
 * ELECTION_NOT_PUBLISHED) run on every miss; a hit is an election that was published already.
 */
@Singleton
public class PublishedResults {

    static final long KEEP_BYTES = 24L << 20;

    private final PublicationService publication;
    /** In order of use, least recent first. */
    private final Map<Long, PublishedResult> recent = new LinkedHashMap<>(16, 0.75f, true);
    private long keptBytes;

    PublishedResults(PublicationService publication) {
        this.publication = publication;
    }

    /** The published result of the election; 404 or 409 ELECTION_NOT_PUBLISHED as {@link PublicationService#result}. */
    public PublishedResult get(long electionId) {
        synchronized (recent) {
            PublishedResult r = recent.get(electionId);
            if (r != null) {
                return r;
            }
        }
        // Parsed outside the lock: two first readers may both parse, and both get the same content.
        return keep(PublishedResult.of(electionId, publication.result(electionId)));
    }

    /** Keeps the result just published, so its first readers need not parse it again. */
    PublishedResult remember(long electionId, String json) {
        return keep(PublishedResult.of(electionId, json));
    }

    private PublishedResult keep(PublishedResult parsed) {
        synchronized (recent) {
            PublishedResult before = recent.put(parsed.electionId(), parsed);
            keptBytes += parsed.storedBytes() - (before == null ? 0 : before.storedBytes());
            var eldest = recent.entrySet().iterator();
            while (keptBytes > KEEP_BYTES && recent.size() > 1) {
                PublishedResult dropped = eldest.next().getValue();
                if (dropped == parsed) {
                    continue;
                }
                keptBytes -= dropped.storedBytes();
                eldest.remove();
            }
        }
        return parsed;
    }
}
