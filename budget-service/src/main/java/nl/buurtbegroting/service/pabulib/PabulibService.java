package nl.buurtbegroting.service.pabulib;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import io.micronaut.transaction.TransactionOperations;
import nl.buurtbegroting.core.audit.CanonicalBallot;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.OrdinalBallot;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.pabulib.PabulibFormatException;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.pabulib.PabulibWriter;
import nl.buurtbegroting.service.ballot.ElectionInstance;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.election.ElectionMapper;
import nl.buurtbegroting.service.election.ElectionRow;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.publication.PublicationService;
import nl.buurtbegroting.service.tally.Count;
import nl.buurtbegroting.service.tally.Counter;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.proposal.ProposalRepository;
import nl.buurtbegroting.service.proposal.ProposalService;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates draft elections from Pabulib files and writes elections back as Pabulib. */
@Singleton
public class PabulibService {

    /** The same bound as the HTTP body limit; the reader enforces it on the decompressed text too. */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private final ElectionService elections;
    private final ProposalService proposals;
    private final ProposalRepository proposalRows;
    private final ElectionMapper mapper;

    private final PublicationService publications;
    private final Counter counter;
    private final TransactionOperations<Connection> transactions;

    public PabulibService(ElectionService elections, ProposalService proposals, ProposalRepository proposalRows,
                          ElectionMapper mapper, PublicationService publications, Counter counter,
                          TransactionOperations<Connection> transactions) {
        this.publications = publications;
        this.counter = counter;
        this.transactions = transactions;
        this.elections = elections;
        this.proposals = proposals;
        this.proposalRows = proposalRows;
        this.mapper = mapper;
    }

    /** Parses the whole file first, then creates the election and all its proposals in one transaction. */
    @Transactional
    public ElectionView importElection(Caller caller, byte[] file, String sourceName) {
        PabulibMapping.Imported imported = PabulibMapping.fromInstance(read(file, sourceName).instance());
        ImportedText.require(file, imported);
        ElectionRow row = elections.insert(caller, imported.election(), "ELECTION_IMPORTED");
        proposals.insertAll(caller, row, imported.proposals());
        return mapper.toView(row);
    }

    /**
     * The election as a Pabulib file. Once PUBLISHED it carries the published ballots (unless they were withheld) and
     * records in META how the outcome was counted, {@code tie_breaking} (as {@code budget allocate --tie-break} takes
     * it) and {@code apply_category_caps}, which {@code budget allocate} applies by default: the open data then
     * recomputes the published outcome.
     */
    @Transactional
    public String export(@Nullable Caller caller, long electionId) {
        ElectionRow row = elections.readable(caller, electionId);
        var instance = ElectionInstance.forPabulib(mapper.toRequest(row), proposalRows.findByElectionIdOrderById(electionId));
        List<Ballot> ballots = List.of();
        if (row.state() == ElectionState.PUBLISHED && !publications.result(electionId).contains("\"ballotsPublished\":false")) {
            Count count = transactions.executeRead(status -> counter.count(status.getConnection(), row));
            ballots = new ArrayList<>(count.ballots().size());
            int voter = 1;
            for (CanonicalBallot b : count.ballots().ballots()) {
                ballots.add(withVoter(b.toBallot(instance.voteType()), Integer.toString(voter++)));
            }
            Map<String, String> meta = new LinkedHashMap<>(instance.meta());
            meta.put(TIE_BREAKING, count.options().tieBreaking().spec());
            meta.put(APPLY_CATEGORY_CAPS, Boolean.toString(!instance.categoryCaps().isEmpty()));
            instance = instance.withMeta(meta);
        }
        return PabulibWriter.toString(new Election(instance, new Profile(ballots)));
    }

    /** META keys of an exported published election (read by budget-cli's allocate). */
    public static final String TIE_BREAKING = "tie_breaking";
    public static final String APPLY_CATEGORY_CAPS = "apply_category_caps";

    private static Ballot withVoter(Ballot b, String voter) {
        if (b instanceof ApprovalBallot a) {
            return new ApprovalBallot(voter, a.approved(), Map.of());
        }
        if (b instanceof CumulativeBallot c) {
            return new CumulativeBallot(voter, c.points(), Map.of());
        }
        if (b instanceof ChooseOneBallot c) {
            return new ChooseOneBallot(voter, c.choice(), Map.of());
        }
        if (b instanceof OrdinalBallot o) {
            return new OrdinalBallot(voter, o.ranking(), Map.of());
        }
        throw new IllegalStateException("unknown ballot kind " + b.getClass().getSimpleName());
    }

    public static Election read(byte[] file, String sourceName) {
        try {
            return PabulibReader.read(new ByteArrayInputStream(file), sourceName(sourceName),
                    PabulibReader.Options.DEFAULT.withMaxBytes(MAX_BYTES));
        } catch (PabulibFormatException e) {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("pabulibCode", e.code().name());
            if (e.line() > 0) {
                members.put("line", e.line());
            }
            if (!e.field().isEmpty()) {
                members.put("field", e.field());
            }
            throw ApiProblem.of(ProblemCode.INVALID_PABULIB, e.getMessage(), members);
        } catch (IOException e) {
            throw ApiProblem.of(ProblemCode.INVALID_PABULIB, "The file could not be read.");
        }
    }

    /**
     * The client's file name as the error messages quote it (the API's upload and the organiser pages' alike):
     * without control or format characters (a NUL, a right-to-left override that shows "gp.exe" as "exe.pg") and at
     * most 100 characters; "upload" when none is left.
     */
    static String sourceName(String filename) {
        StringBuilder out = new StringBuilder();
        if (filename != null) {
            filename.codePoints().filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT
                    && Character.getType(cp) != Character.SURROGATE).limit(100).forEach(out::appendCodePoint);
        }
        String name = out.toString().strip();
        return name.isEmpty() ? "upload" : name;
    }
}
