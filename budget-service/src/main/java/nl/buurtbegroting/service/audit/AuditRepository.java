package nl.buurtbegroting.service.audit;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/**
 * Deliberately not a CrudRepository: the audit log can be appended to and read, never updated or
 * deleted through the service.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends GenericRepository<AuditEntry, Long> {

    AuditEntry save(AuditEntry event);

    List<AuditEntry> findByIdGreaterThanOrderById(long after);

    List<AuditEntry> findByElectionIdOrderById(long electionId);
}
