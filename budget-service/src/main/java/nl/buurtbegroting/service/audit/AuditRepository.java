package nl.buurtbegroting.service.audit;

import io.micronaut.data.annotation.Query;
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

    List<AuditEntry> saveAll(Iterable<AuditEntry> events);

    List<AuditEntry> findByIdGreaterThanOrderById(long after);

    List<AuditEntry> findByElectionIdOrderById(long electionId);

    /** At most {@code limit} events after {@code after}, oldest first: the API's pages of the log. */
    @Query("SELECT * FROM audit_event WHERE id > :after ORDER BY id LIMIT :limit")
    List<AuditEntry> readOn(long after, int limit);

    /** The same, of one election. */
    @Query("SELECT * FROM audit_event WHERE election_id = :electionId AND id > :after ORDER BY id LIMIT :limit")
    List<AuditEntry> readOn(long electionId, long after, int limit);
}
