package nl.buurtbegroting.service.proposal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProposalRepository extends CrudRepository<ProposalRow, Long> {

    List<ProposalRow> findByElectionIdOrderById(long electionId);

    /** The order organisers chose; every list shown to people follows it. Tally and bundle use {@link #findByElectionIdOrderById}. */
    @Query("SELECT * FROM proposal WHERE election_id = :electionId ORDER BY list_position, id")
    List<ProposalRow> findOrdered(long electionId);

    @Query("SELECT COALESCE(MAX(list_position), 0) FROM proposal WHERE election_id = :electionId")
    int maxPosition(long electionId);

    @Query("UPDATE proposal SET list_position = :position WHERE id = :id")
    void setPosition(long id, int position);

    Optional<ProposalRow> findByIdAndElectionId(long id, long electionId);

    boolean existsByElectionIdAndCode(long electionId, String code);

    long countByElectionId(long electionId);
}
