package nl.buurtbegroting.service.proposal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProposalRepository extends CrudRepository<ProposalRow, Long> {

    List<ProposalRow> findByElectionIdOrderById(long electionId);

    Optional<ProposalRow> findByIdAndElectionId(long id, long electionId);

    boolean existsByElectionIdAndCode(long electionId, String code);

    long countByElectionId(long electionId);
}
