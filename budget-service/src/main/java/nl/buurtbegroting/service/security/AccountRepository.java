package nl.buurtbegroting.service.security;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountRepository extends CrudRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByRole(Role role);

    /** Accounts whose name equals {@code username} ignoring case: names that differ only in case are one name. */
    @Query("SELECT * FROM account WHERE LOWER(username) = LOWER(:username)")
    List<Account> findIgnoringCase(String username);

    List<Account> listOrderByUsername();
}
