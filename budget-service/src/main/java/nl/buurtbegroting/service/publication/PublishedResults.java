package nl.buurtbegroting.service.publication;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Published results, read and parsed once. A publication never changes and an election is never deleted, so a
 * parsed result stays true; only the few most recently read are kept, since one of 5,000 proposals takes tens of
 * megabytes parsed. The checks of {@link PublicationService#result(long)} (404, 409 ELECTION_NOT_PUBLISHED) run on
 * every miss; a hit is an election that was published already.
 */
@Singleton
public class PublishedResults {

    private static final int KEEP = 4;

    private final PublicationService publication;
    private final Map<Long, PublishedResult> recent = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PublishedResult> eldest) {
            return size() > KEEP;
        }
    };

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
        PublishedResult parsed = PublishedResult.of(electionId, publication.result(electionId));
        synchronized (recent) {
            recent.put(electionId, parsed);
        }
        return parsed;
    }

    /** Keeps the result just published, so its first readers need not parse it again. */
    PublishedResult remember(long electionId, String json) {
        PublishedResult parsed = PublishedResult.of(electionId, json);
        synchronized (recent) {
            recent.put(electionId, parsed);
        }
        return parsed;
    }
}
