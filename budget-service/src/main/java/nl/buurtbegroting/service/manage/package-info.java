/**
 * The organiser pages under {@code /manage/}: staff sign in with a form, keep a server-side session (an
 * HttpOnly, SameSite=Strict cookie; a CSRF token on every form that changes something) and run an election
 * from set-up to publication. Every action goes through the same services as the API, so lifecycle rules,
 * locks, grants and audit events hold in the browser exactly as they do for {@code /api/}.
 */
package nl.buurtbegroting.service.manage;
