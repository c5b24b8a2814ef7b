package nl.buurtbegroting.service.publication;

import nl.buurtbegroting.core.audit.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A published result, read once from the stored document and served in the parts people ask for. The stored
 * document holds every project with its exact figures and its explanation in two languages: 3 to 4 KB a project,
 * so 18 MB for an election of 5,000 proposals. The default answer is the {@linkplain #compact() compact result}:
 * everything but each project's {@code details} and {@code explanation}; those come one project at a time or a
 * page at a time, byte for byte as in the stored document. A publication never changes, so the parts are
 * computed once.
 */
public final class PublishedResult {

    /** Members of a project that only its full entry carries. */
    static final List<String> FULL_ONLY = List.of("details", "explanation");

    private final long electionId;
    private final Map<String, Object> document;
    private final List<Map<String, Object>> projects;
    private final Map<String, Integer> indexById;
    private final byte[] full;
    private final byte[] compact;
    private final long storedBytes;

    @SuppressWarnings("unchecked")
    private PublishedResult(long electionId, String json) {
        this.electionId = electionId;
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        this.storedBytes = bytes.length;
        this.document = Collections.unmodifiableMap((Map<String, Object>) CanonicalJson.read("result", bytes));
        this.projects = (List<Map<String, Object>>) document.get("projects");
        this.indexById = new HashMap<>();
        List<Object> brief = new ArrayList<>(projects.size());
        for (int i = 0; i < projects.size(); i++) {
            Map<String, Object> p = projects.get(i);
            indexById.put((String) p.get("id"), i);
            Map<String, Object> b = new LinkedHashMap<>(p);
            FULL_ONLY.forEach(b::remove);
            brief.add(b);
        }
        Map<String, Object> c = new LinkedHashMap<>(document);
        c.put("projects", brief);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("project", base() + "/projects/{id}");
        links.put("projects", base() + "/projects?page=1&size=" + ResultPaging.DEFAULT_SIZE);
        c.put("projectDetails", links);
        this.compact = CanonicalJson.write(c);
        // Only a bounded whole document is kept: a larger one is not served whole (ResultPaging.FULL_LIMIT).
        this.full = projects.size() <= ResultPaging.FULL_LIMIT ? bytes : null;
    }

    /** Parses the stored result document of election {@code electionId}. */
    public static PublishedResult of(long electionId, String json) {
        return new PublishedResult(electionId, json);
    }

    String base() {
        return "/api/elections/" + electionId + "/result";
    }

    public long electionId() {
        return electionId;
    }

    /** Size of the stored document, what a kept result costs (parsed, about three times this). */
    long storedBytes() {
        return storedBytes;
    }

    /**
     * The whole stored document (every project's figures and explanations), as published; null when the result
     * has more than {@link ResultPaging#FULL_LIMIT} projects.
     */
    public byte[] full() {
        return full;
    }

    /** The result without per-project {@code details} and {@code explanation}, with links to them. */
    public byte[] compact() {
        return compact;
    }

    /** The parsed whole document (read-only), for pages. */
    public Map<String, Object> document() {
        return document;
    }

    public int projectCount() {
        return projects.size();
    }

    /** Projects {@code from} (inclusive) to {@code to} (exclusive) in published order, with everything. */
    public List<Map<String, Object>> projects(int from, int to) {
        return Collections.unmodifiableList(projects.subList(from, to));
    }

    /** One project's full entry, or null when the result has no project with this id. */
    public Map<String, Object> project(String id) {
        Integer i = indexById.get(id);
        return i == null ? null : projects.get(i);
    }
}
