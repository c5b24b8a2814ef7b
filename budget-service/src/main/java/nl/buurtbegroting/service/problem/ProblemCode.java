package nl.buurtbegroting.service.problem;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code code} the API answers with, its HTTP status and a title and message in Dutch and English. The code is
 * the stable contract; the texts are for people. Resident-facing codes (voting) answer in Dutch unless the caller's
 * {@code Accept-Language} prefers English; staff and API codes answer in English unless it prefers Dutch. The
 * specific English {@code detail} a problem was raised with (which field, which state) is kept for English; in Dutch
 * the message below is given, and the specifics stay in the problem's other members ({@code field},
 * {@code violations}, {@code votingCloses}...).
 */
public enum ProblemCode {
    VALIDATION_FAILED(400, false, "Ongeldige aanvraag", "Een of meer velden kloppen niet. Zie 'violations' voor elk veld.",
            "Invalid request", "One or more fields are not valid; see 'violations' for each field."),
    MALFORMED_REQUEST(400, false, "Aanvraag niet leesbaar", "De aanvraag is geen geldige JSON of mist het juiste type.",
            "Request not readable", "The request could not be read: check the JSON syntax and the type of every field."),
    INVALID_PABULIB(400, false, "Geen geldig Pabulib-bestand", "Het bestand volgt de Pabulib-indeling niet; zie regel en veld.",
            "Not a valid Pabulib file", "The file does not follow the Pabulib format; see line and field."),
    UNAUTHORIZED(401, false, "Niet ingelogd", "Log eerst in en stuur het token mee.",
            "Unauthorized", "Log in first (POST /api/login) and send the token as 'Authorization: Bearer <token>'."),
    TOKEN_ENDED(401, false, "Afgemeld", "Dit token werkt niet meer (afgemeld of account uitgeschakeld). Log opnieuw in.",
            "Signed out", "This token was ended by signing out or by disabling the account. Log in again."),
    FORBIDDEN(403, false, "Geen toegang", "Uw rol staat dit niet toe.", "Forbidden", "Your role does not allow this."),
    BOOTSTRAP_REFUSED(403, false, "Niet toegestaan", "Het eenmalige token klopt niet, is al gebruikt, of er is al een beheerder.",
            "Forbidden", "The bootstrap token is wrong, already used, or an admin exists already."),
    FOREIGN_ORIGIN(403, false, "Aanvraag van een andere site", "Deze dienst beantwoordt geen aanvragen van pagina's van andere sites.",
            "Request from another site", "This service does not answer requests that pages of other sites make in a browser."),
    NOT_FOUND(404, false, "Niet gevonden", "Op dit adres staat niets.", "Not found", "There is nothing at this address."),
    ELECTION_NOT_FOUND(404, false, "Niet gevonden", "Deze stemming bestaat niet.", "Not found", "There is no such election."),
    PROPOSAL_NOT_FOUND(404, false, "Niet gevonden", "Dit voorstel bestaat niet.", "Not found", "There is no such proposal."),
    BATCH_NOT_FOUND(404, false, "Niet gevonden", "Deze reeks codes bestaat niet.", "Not found", "There is no such code batch."),
    ACCOUNT_NOT_FOUND(404, false, "Niet gevonden", "Dit account bestaat niet.", "Not found", "There is no such account."),
    PAPER_ENTRY_NOT_FOUND(404, false, "Niet gevonden", "Deze invoer van een papieren stembiljet bestaat niet.",
            "Not found", "There is no such paper keying."),
    RECEIPT_NOT_FOUND(404, true, "Bewijs niet gevonden", "Geen stem van deze stemming hoort bij dit bewijs.",
            "Receipt not found", "No ballot of this election has this receipt."),
    METHOD_NOT_ALLOWED(405, false, "Methode niet toegestaan", "Dit adres kent deze methode niet.",
            "Method not allowed", "This address does not take this method."),
    NOT_ACCEPTABLE(406, false, "Vorm niet beschikbaar", "Het gevraagde antwoordformaat is er niet.",
            "Not acceptable", "The requested answer format is not available."),
    ELECTION_NOT_DRAFT(409, false, "Stemming is al open", "Instellingen en voorstellen liggen vast zodra de stemming opent.",
            "Election is not a draft", "Its configuration and proposals are fixed once it opens."),
    ELECTION_NOT_OPEN(409, true, "Stemmen kan nu niet", "Deze stemming neemt nu geen stemmen aan. Kijk wanneer stemmen kan.",
            "Voting is not open", "This election does not accept ballots now."),
    ELECTION_NOT_CLOSED(409, false, "Stemming nog niet gesloten", "Alleen een gesloten stemming kan worden geteld.",
            "Election not closed", "Only a CLOSED election can be tallied."),
    ELECTION_NOT_TALLIED(409, false, "Nog niet geteld", "Deze stemming heeft nog geen telling.",
            "Election not tallied", "The election has no tally yet."),
    ELECTION_NOT_PUBLISHED(409, true, "Uitslag nog niet bekend", "De uitslag is openbaar zodra die is gepubliceerd.",
            "Result not published", "The result is public once it is published."),
    ELECTION_NOT_DRAFT_OR_OPEN(409, false, "Geen codes meer", "Codes worden alleen voor of tijdens het stemmen uitgegeven.",
            "Codes are closed", "Codes are issued before or during voting only."),
    ELECTION_INCOMPLETE(409, false, "Stemming niet compleet", "De stemming kan pas open als alles in 'missing' is opgelost.",
            "The election is not complete", "The election cannot be opened until every item in 'missing' is resolved."),
    ILLEGAL_TRANSITION(409, false, "Stap niet mogelijk", "De stemming kan niet van deze stap naar die stap.",
            "Illegal transition", "The election cannot move to that state from this one."),
    TOO_MANY_PROPOSALS(409, false, "Te veel voorstellen", "Een stemming heeft ten hoogste 5000 voorstellen.",
            "Too many proposals", "An election has at most 5000 proposals."),
    TOO_MANY_CODES(409, false, "Te veel codes", "Deze stemming heeft al zoveel codes als de dienst toestaat (zie 'limit').",
            "Too many codes", "The election would have more voting codes than the service allows; see 'limit'."),
    TALLY_FAILED(409, false, "Tellen lukt niet", "De regel kan deze stemming niet tellen.",
            "Tally failed", "The rule cannot count this election."),
    TALLY_OUTDATED(409, false, "Opnieuw tellen", "De stemming telt nu anders dan bij het tellen. Tel opnieuw, bekijk de uitslag en publiceer dan.",
            "Tally outdated", "The election counts differently now than when it was tallied. Tally it again, review, then publish."),
    BUNDLE_REFUSED(409, false, "Bundel geweigerd", "De controlebundel zou niet kloppen en wordt dus niet gepubliceerd.",
            "Bundle refused", "The audit bundle would not verify, so it is not published."),
    SIGNING_KEY_RETIRED(409, false, "Sleutel niet beschikbaar", "De sleutel waarmee deze stemming is ondertekend, is hier niet.",
            "Signing key retired", "The key that signed this election's bundle is not available on this server."),
    BATCH_NOT_AWAITING_APPROVAL(409, false, "Geen goedkeuring nodig", "Deze reeks codes wacht niet op goedkeuring.",
            "Batch not awaiting approval", "This code batch is not awaiting approval."),
    USERNAME_TAKEN(409, false, "Naam bestaat al", "Er is al een account met deze naam (hoofdletters tellen niet).",
            "User name taken", "An account with this name exists already (case does not matter)."),
    CODE_ALREADY_USED(409, true, "Code al gebruikt", "Met deze code is al gestemd.",
            "Code already used", "A ballot has already been cast with this code."),
    PAPER_MISMATCH(409, false, "Invoer verschilt", "Een collega heeft dit formulier anders ingevoerd. Kijk het formulier na.",
            "The keyings differ", "Another staff member keyed this form differently. Check the form."),
    REQUEST_TOO_LARGE(413, false, "Aanvraag te groot", "De aanvraag is groter dan de dienst aanneemt.",
            "Request too large", "The request body is larger than the service accepts."),
    URI_TOO_LONG(414, false, "Adres te lang", "Het adres van de aanvraag is te lang.",
            "Address too long", "The address of the request is too long."),
    UNSUPPORTED_MEDIA_TYPE(415, false, "Vorm niet ondersteund", "Stuur de aanvraag als JSON.",
            "Unsupported media type", "Send the request as JSON."),
    CODE_MALFORMED(422, true, "Dit is geen stemcode", "Een stemcode heeft 17 letters en cijfers, in groepjes van vier (ABCD-EFGH-JKMN-PQRS-T).",
            "Not a voting code", "A voting code has 17 letters and digits, printed in groups of four (ABCD-EFGH-JKMN-PQRS-T)."),
    CODE_TYPO(422, true, "Tikfout in de code", "Een van de tekens klopt niet met de brief. Kijk de code nog eens na.",
            "The code has a typing mistake", "One of the characters of the code is not as printed on your letter: please check them."),
    UNKNOWN_CODE(422, true, "Onbekende code", "Deze code hoort niet bij deze stemming.",
            "Unknown code", "This code is not a voting code of this election."),
    INVALID_BALLOT(422, true, "Stem klopt niet", "Uw keuze past niet bij de regels van deze stemming. Zie 'violations'.",
            "The ballot is not valid", "The choice does not fit this election's rules; see 'violations'."),
    PABULIB_UNSUPPORTED(422, false, "Bestand niet te importeren", "Dit Pabulib-bestand gebruikt iets dat de dienst niet kent.",
            "Cannot import this file", "This Pabulib file uses something the service does not support."),
    TOO_MANY_FAILED_CODES(429, true, "Te veel verkeerde codes", "Er kwamen te veel onbekende codes van uw adres. Probeer het later opnieuw.",
            "Too many wrong codes", "Too many unknown codes came from your address. Try again later."),
    TOO_MANY_FAILED_LOGINS(429, false, "Te veel mislukte inlogpogingen", "Probeer het later opnieuw (zie Retry-After).",
            "Too many failed logins", "Too many failed logins came from your address. Try again later (see Retry-After)."),
    LOGIN_BUSY(429, false, "Even druk", "Er worden nu veel wachtwoorden gecontroleerd. Probeer het over een seconde opnieuw.",
            "Too many logins at once", "The service is checking as many passwords as it takes at once. Try again in a second."),
    HEADERS_TOO_LARGE(431, false, "Kopregels te groot", "De kopregels van de aanvraag zijn samen te groot.",
            "Headers too large", "The request's headers are too large together."),
    CLIENT_ERROR(400, false, "Aanvraag geweigerd", "De aanvraag kan niet worden uitgevoerd.",
            "Request refused", "The request cannot be carried out."),
    INTERNAL_ERROR(500, false, "Interne fout", "Er ging iets mis in de dienst.", "Internal Server Error", "Something failed in the service.");

    /** The languages of the texts. */
    public enum Language { NL, EN }

    private static final Map<String, ProblemCode> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(Enum::name, Function.identity()));

    private final int status;
    private final boolean residentFacing;
    private final String titleNl;
    private final String messageNl;
    private final String titleEn;
    private final String messageEn;

    ProblemCode(int status, boolean residentFacing, String titleNl, String messageNl, String titleEn, String messageEn) {
        this.status = status;
        this.residentFacing = residentFacing;
        this.titleNl = titleNl;
        this.messageNl = messageNl;
        this.titleEn = titleEn;
        this.messageEn = messageEn;
    }

    public static Optional<ProblemCode> find(String code) {
        return Optional.ofNullable(code == null ? null : BY_NAME.get(code));
    }

    public int status() {
        return status;
    }

    public boolean residentFacing() {
        return residentFacing;
    }

    public String title(Language language) {
        return language == Language.NL ? titleNl : titleEn;
    }

    public String message(Language language) {
        return language == Language.NL ? messageNl : messageEn;
    }

    /**
     * The language to answer in: the first of Dutch or English in {@code Accept-Language} (by order and weight);
     * without either, Dutch for resident-facing codes and English for the others.
     */
    public Language languageFor(String acceptLanguage) {
        if (acceptLanguage != null) {
            double best = -1;
            Language chosen = null;
            for (String part : acceptLanguage.split(",")) {
                String[] bits = part.strip().split(";");
                String tag = bits[0].strip().toLowerCase(Locale.ROOT);
                double q = 1.0;
                for (int i = 1; i < bits.length; i++) {
                    String b = bits[i].strip();
                    if (b.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(b.substring(2));
                        } catch (NumberFormatException ignored) {
                            q = 0;
                        }
                    }
                }
                Language l = tag.startsWith("nl") ? Language.NL : tag.startsWith("en") ? Language.EN : null;
                if (l != null && q > best && q > 0) {
                    best = q;
                    chosen = l;
                }
            }
            if (chosen != null) {
                return chosen;
            }
        }
        return residentFacing ? Language.NL : Language.EN;
    }
}
