package nl.buurtbegroting.service.codes;

/** A typed code that cannot be a voting code; carries no part of what was typed. */
public final class InvalidCodeException extends Exception {

    private final CodeProblem problem;

    public InvalidCodeException(CodeProblem problem) {
        super(problem.name(), null, false, false);
        this.problem = problem;
    }

    public CodeProblem problem() {
        return problem;
    }
}
