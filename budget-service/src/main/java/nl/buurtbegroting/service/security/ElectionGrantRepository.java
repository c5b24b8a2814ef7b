package nl.buurtbegroting.service.security;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ElectionGrantRepository extends CrudRepository<ElectionGrant, Long> {

    boolean existsByUsernameAndElectionId(String username, long electionId);

    List<ElectionGrant> findByUsername(String username);
}
