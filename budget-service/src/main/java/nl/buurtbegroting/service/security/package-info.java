/**
 * Staff accounts and access: roles (admin, organiser of given elections, read-only auditor), passwords
 * kept as salted PBKDF2-HMAC-SHA256 hashes, login at {@code POST /api/login} returning a signed JWT, and
 * the first admin created from configuration or a one-time bootstrap token, never from a default
 * password. Residents never have an account here.
 */
package nl.buurtbegroting.service.security;
