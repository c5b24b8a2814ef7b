/**
 * Who is calling and what they may do: roles (admin, organiser of given elections, read-only auditor) and the
 * grants of elections to organisers, passwords kept as salted PBKDF2-HMAC-SHA256 hashes, login at
 * {@code POST /api/login} returning a signed JWT, tokens ended by signing out or disabling an account, the
 * client's address behind a trusted proxy, and the limiters on failed logins and wrong voting codes. Residents
 * never have an account here; managing accounts is {@code account}'s. Depends on no other service package.
 */
package nl.buurtbegroting.service.security;
