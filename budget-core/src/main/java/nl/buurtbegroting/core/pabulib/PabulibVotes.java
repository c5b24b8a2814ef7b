package nl.buurtbegroting.core.pabulib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.OrdinalBallot;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.ProjectIds;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/**
 * The rows of the VOTES section: one ballot per row, read by the file's vote type. This is the reader's
 * hot path (a city's file has a hundred thousand rows), so approval and choose-1 votes are read without
 * cutting the vote into strings: each entry is looked up in place ({@link ProjectLookup}) and the ballot
 * gets the project's own id string, so all ballots share one copy per project. Voter ids that are plain
 * numbers, as in most published files, are checked for repeats as numbers.
 */
final class PabulibVotes {

    private final RecordTokenizer in;
    private final String source;
    private final VoteType voteType;
    private final ProjectLookup lookup;
    private final int vId;
    private final int vVote;
    private final int vPoints;
    final List<Ballot> ballots = new ArrayList<>();
    private final VoterIds voterIds = new VoterIds();
    /** The distinct projects of the vote being read, in order. */
    private String[] entries = new String[16];
    private int entryCount;

    PabulibVotes(RecordTokenizer in, String source, VoteType voteType, Map<String, Project> projects,
                 int vId, int vVote, int vPoints) {
        this.in = in;
        this.source = source;
        this.voteType = voteType;
        this.lookup = new ProjectLookup(projects.keySet());
        this.vId = vId;
        this.vVote = vVote;
        this.vPoints = vPoints;
    }

    /** One row, its field count already checked; {@code attributes} are the row's other columns. */
    void row(Map<String, String> attributes) {
        int line = in.recordLine();
        String voter = in.field(vId).strip();
        if (voter.isEmpty()) {
            throw error(ErrorCode.EMPTY_ID, line, "voter_id", "the voter id is empty");
        }
        if (!voterIds.add(voter)) {
            throw error(ErrorCode.DUPLICATE_VOTER, line, "voter_id", "voter " + voter + " has voted before in this file");
        }
        Ballot ballot = switch (voteType) {
            case APPROVAL -> new ApprovalBallot(voter, approved(line), attributes);
            case CHOOSE_ONE -> chooseOne(voter, approved(line), line, attributes);
            case CUMULATIVE -> new CumulativeBallot(voter, points(in.field(vVote).strip(), line), attributes);
            case ORDINAL -> new OrdinalBallot(voter, ranking(in.field(vVote).strip(), line), attributes);
        };
        ballots.add(ballot);
    }

    /**
     * The distinct projects of an approval vote, in order (a repeated id counts once; empty entries are
     * skipped), as the ballot keeps them. Read from the field's bytes when its ids are ASCII, as in every
     * published file; otherwise from its text.
     */
    private ProjectIds approved(int line) {
        if (in.inBytes(vVote) && approvedAscii(in.bytes(), in.start(vVote), in.end(vVote), line)) {
            return ProjectIds.copyOf(entries, 0, entryCount);
        }
        approved(in.field(vVote).strip(), line);
        return ProjectIds.copyOf(entries, 0, entryCount);
    }

    /**
     * Collects the entries of vote bytes b[from, to) (already stripped), each stripped of ASCII white
     * space; false, with nothing decided, as soon as an entry holds a non-ASCII byte (the text path then
     * reads the vote again from the start: white space beyond ASCII is stripped there).
     */
    private boolean approvedAscii(byte[] b, int from, int to, int line) {
        entryCount = 0;
        int start = from;
        while (start < to) {
            int end = start;
            int hash = 0;
            int any = 0;
            while (end < to && b[end] != ',') {
                any |= b[end];
                hash = 31 * hash + b[end];
                end++;
            }
            if (any < 0) {
                return false;
            }
            int s = start;
            int e = end;
            while (s < e && b[s] <= ' ' && Character.isWhitespace(b[s])) {
                s++;
            }
            while (e > s && b[e - 1] <= ' ' && Character.isWhitespace(b[e - 1])) {
                e--;
            }
            if (s < e) {
                // the hash was taken over the entry before stripping; white space around an id is rare
                String id = lookup.find(b, s, e, s == start && e == end ? hash : ProjectLookup.hash(b, s, e));
                if (id == null) {
                    throw error(ErrorCode.UNKNOWN_PROJECT, line, "vote",
                            "project '" + new String(b, s, e - s, java.nio.charset.StandardCharsets.US_ASCII) + "' is not in PROJECTS");
                }
                addEntry(id);
            }
            start = end + 1;
        }
        return true;
    }

    /** The text path of {@link #approved(int)}: collects the distinct entries of the vote. */
    private void approved(String vote, int line) {
        entryCount = 0;
        int n = vote.length();
        int start = 0;
        while (start <= n && n > 0) {
            int comma = vote.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            int s = start;
            int e = end;
            while (s < e && Character.isWhitespace(vote.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(vote.charAt(e - 1))) {
                e--;
            }
            if (s < e) {
                String id = lookup.find(vote, s, e);
                if (id == null) {
                    throw error(ErrorCode.UNKNOWN_PROJECT, line, "vote",
                            "project '" + vote.substring(s, e) + "' is not in PROJECTS");
                }
                addEntry(id);
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
    }

    private void addEntry(String id) {
        for (int i = 0; i < entryCount; i++) {
            // ids are the lookup's own strings: one instance per project
            if (entries[i] == id) {
                return;
            }
        }
        if (entryCount == entries.length) {
            entries = Arrays.copyOf(entries, entryCount * 2);
        }
        entries[entryCount++] = id;
    }

    private Ballot chooseOne(String voter, Set<String> ids, int line, Map<String, String> attributes) {
        if (ids.size() > 1) {
            throw error(ErrorCode.TOO_MANY_CHOICES, line, "vote",
                    "vote_type is choose-1 but the vote names " + ids.size() + " projects: " + String.join(",", ids));
        }
        return new ChooseOneBallot(voter, ids.isEmpty() ? "" : ids.iterator().next(), attributes);
    }

    private List<String> ranking(String vote, int line) {
        List<String> ranking = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String token : tokens(vote, false)) {
            String id = project(token, line);
            if (!seen.add(id)) {
                throw error(ErrorCode.REPEATED_PROJECT, line, "vote", "the ranking lists project " + id + " twice");
            }
            ranking.add(id);
        }
        return ranking;
    }

    private Map<String, Long> points(String vote, int line) {
        List<String> ids = tokens(vote, true);
        String rawPoints = in.field(vPoints).strip();
        List<String> points = tokens(rawPoints, true);
        if (!ids.isEmpty() && points.isEmpty()) {
            throw error(ErrorCode.MISSING_POINTS, line, "points",
                    "the vote names " + ids.size() + " projects but gives no points");
        }
        if (ids.size() != points.size()) {
            throw error(ErrorCode.POINTS_MISMATCH, line, "points",
                    "the vote names " + ids.size() + " projects but gives " + points.size() + " points");
        }
        Map<String, Long> result = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).isEmpty()) {
                throw error(ErrorCode.UNKNOWN_PROJECT, line, "vote",
                        "entry " + (i + 1) + " of the vote is empty, which would shift the points");
            }
            // A repeated id keeps its last points: the reading behind the published reference outcomes.
            result.put(project(ids.get(i), line), PabulibNumbers.pointValue(source, points.get(i), line));
        }
        return result;
    }

    private String project(String token, int line) {
        String id = lookup.find(token, 0, token.length());
        if (id == null) {
            throw error(ErrorCode.UNKNOWN_PROJECT, line, "vote", "project '" + token + "' is not in PROJECTS");
        }
        return id;
    }

    private static List<String> tokens(String vote, boolean keepEmpty) {
        if (vote.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = vote.indexOf(',', start);
            String token = (comma < 0 ? vote.substring(start) : vote.substring(start, comma)).strip();
            if (!token.isEmpty() || keepEmpty) {
                out.add(token);
            }
            if (comma < 0) {
                return out;
            }
            start = comma + 1;
        }
    }

    private PabulibFormatException error(ErrorCode code, Integer line, String field, String detail) {
        return PabulibNumbers.error(source, code, line, field, detail);
    }
}
