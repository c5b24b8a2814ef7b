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

    /**
     * Locks every account row, in id order, to the end of the transaction: creating an account checks its name
     * against the others ignoring case, and two creations at once must not both pass that check (the table's own
     * unique constraint compares exactly, so 'kees' and 'KEES' both went in, and an exact twin was a 500).
     */
    @Query("SELECT * FROM account ORDER BY id FOR UPDATE")
    List<Account> lockAll();

    Optional<Account> findByIdForUpdate(Long id);

    /**
     * The account a sign-in names: names are compared ignoring case, an exact match first (an older version allowed
     * names differing in case; then only the exact name finds one). Empty for a name no account can have.
     */
    default Optional<Account> findForSignIn(String username) {
        if (username == null || username.length() > 64 || nl.buurtbegroting.service.problem.TextCheck.firstFault(username) >= 0) {
            // No account has such a name, and PostgreSQL cannot even compare text holding NUL.
            return Optional.empty();
        }
        Optional<Account> exact = findByUsername(username);
        if (exact.isPresent()) {
            return exact;
        }
        List<Account> similar = findIgnoringCase(username);
        return similar.size() == 1 ? Optional.of(similar.get(0)) : Optional.empty();
    }
}
