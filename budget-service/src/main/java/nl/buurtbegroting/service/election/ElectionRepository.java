package nl.buurtbegroting.service.election;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

/**
 * Elections. Written with the PostgreSQL dialect; the embedded H2 database runs in PostgreSQL mode with
 * lower-case identifiers, so one set of generated SQL serves both.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ElectionRepository extends CrudRepository<ElectionRow, Long> {

    /** Locks the row until the transaction ends, so a state change and a concurrent edit cannot interleave. */
    Optional<ElectionRow> findByIdForUpdate(Long id);

    List<ElectionRow> listOrderById();

    List<ElectionRow> findByStateNotEqualOrderById(ElectionState state);
}
