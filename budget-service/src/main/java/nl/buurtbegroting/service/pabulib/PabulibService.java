package nl.buurtbegroting.service.pabulib;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.pabulib.PabulibFormatException;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.pabulib.PabulibWriter;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.election.ElectionMapper;
import nl.buurtbegroting.service.election.ElectionRow;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.TextCheck;
import nl.buurtbegroting.service.proposal.ProposalRepository;
import nl.buurtbegroting.service.proposal.ProposalRequest;
import nl.buurtbegroting.service.proposal.ProposalService;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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

    public PabulibService(ElectionService elections, ProposalService proposals, ProposalRepository proposalRows,
                          ElectionMapper mapper) {
        this.elections = elections;
        this.proposals = proposals;
        this.proposalRows = proposalRows;
        this.mapper = mapper;
    }

    /** Parses the whole file first, then creates the election and all its proposals in one transaction. */
    @Transactional
    public ElectionView importElection(Caller caller, byte[] file, String sourceName) {
        PabulibMapping.Imported imported = PabulibMapping.fromInstance(read(file, sourceName).instance());
        TextCheck.require(imported.election());
        for (int i = 0; i < imported.proposals().size(); i++) {
            TextCheck.require("proposals[" + i + "]", imported.proposals().get(i));
        }
        ElectionRow row = elections.insert(caller, imported.election(), "ELECTION_IMPORTED");
        for (ProposalRequest proposal : imported.proposals()) {
            proposals.insert(caller, row, proposal);
        }
        return mapper.toView(row);
    }

    @Transactional
    public String export(@Nullable Caller caller, long electionId) {
        ElectionRow row = elections.readable(caller, electionId);
        var instance = PabulibMapping.toInstance(mapper.toRequest(row), proposalRows.findByElectionIdOrderById(electionId));
        return PabulibWriter.toString(new Election(instance, new Profile(List.of())));
    }

    static Election read(byte[] file, String sourceName) {
        try {
            return PabulibReader.read(new ByteArrayInputStream(file), sourceName,
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
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "INVALID_PABULIB", "Not a valid Pabulib file", e.getMessage(), members);
        } catch (IOException e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "INVALID_PABULIB", "Not a valid Pabulib file",
                    "The file could not be read.");
        }
    }
}
