package nl.buurtbegroting.service.voting;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CodeBatchRepository extends CrudRepository<CodeBatchRow, Long> {

    List<CodeBatchRow> findByElectionIdOrderById(long electionId);

    Optional<CodeBatchRow> findByIdAndElectionId(long id, long electionId);
}
