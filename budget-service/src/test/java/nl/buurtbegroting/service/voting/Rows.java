package nl.buurtbegroting.service.voting;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Counts rows straight from the database, outside any transaction of the service, for the voting tests. */
final class Rows {

    private Rows() {
    }

    /** The single number {@code sql} selects with the election id as its one parameter. */
    static long count(DataSource dataSource, String sql, long election) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, election);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
