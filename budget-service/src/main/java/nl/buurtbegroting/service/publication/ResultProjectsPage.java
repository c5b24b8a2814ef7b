package nl.buurtbegroting.service.publication;

import nl.buurtbegroting.core.audit.CanonicalJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a published result's projects with everything (exact figures and explanations), and the links to
 * the other pages, in the body for programs that read JSON and in a {@code Link} header (RFC 8288) for those that
 * follow headers.
 */
record ResultProjectsPage(byte[] json, String linkHeader) {

    static ResultProjectsPage of(PublishedResult result, ResultPaging paging) {
        int total = result.projectCount();
        paging.requireWithin(total);
        int pages = paging.pages(total);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("first", url(result, 1, paging.size()));
        if (paging.page() > 1) {
            links.put("prev", url(result, paging.page() - 1, paging.size()));
        }
        if (paging.page() < pages) {
            links.put("next", url(result, paging.page() + 1, paging.size()));
        }
        links.put("last", url(result, pages, paging.size()));
        links.put("result", result.base());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("electionId", result.electionId());
        m.put("page", (long) paging.page());
        m.put("size", (long) paging.size());
        m.put("pages", (long) pages);
        m.put("total", (long) total);
        m.put("projects", result.projects(paging.from(total), paging.to(total)));
        m.put("links", links);
        List<String> header = new ArrayList<>();
        links.forEach((rel, url) -> {
            if (!rel.equals("result")) {
                header.add("<" + url + ">; rel=\"" + rel + "\"");
            }
        });
        return new ResultProjectsPage(CanonicalJson.write(m), String.join(", ", header));
    }

    private static String url(PublishedResult result, int page, int size) {
        return result.base() + "/projects?page=" + page + "&size=" + size;
    }
}
