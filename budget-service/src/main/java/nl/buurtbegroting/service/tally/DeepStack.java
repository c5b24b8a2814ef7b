package nl.buurtbegroting.service.tally;

import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;

import java.util.concurrent.Callable;

/**
 * Runs a rule's computation on a thread of its own with a large stack. budget-core's exact knapsack searches depth
 * first, one stack level per proposal, and on a request thread (about 1 MB of stack) an election of some 2,500
 * proposals overflowed: the tally was a 500 and could never succeed, so the election stayed CLOSED for good. The
 * service accepts up to 5,000 proposals; 128 MB of stack (reserved, used only as deep as the search goes) holds
 * that many levels many times over. The calling thread waits; the work is the same.
 */
public final class DeepStack {

    static final long STACK_BYTES = 128L * 1024 * 1024;

    private DeepStack() {
    }

    public static <T> T call(Callable<T> work) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = work.call();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "count", STACK_BYTES);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // The count is short and holds a transaction's connection: let it finish, then pass the interrupt on.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure[0];
        if (t == null) {
            @SuppressWarnings("unchecked")
            T value = (T) result[0];
            return value;
        }
        if (t instanceof StackOverflowError) {
            throw ApiProblem.of(ProblemCode.TALLY_FAILED, "The rule's search went deeper than this server allows; "
                    + "count this election with fewer proposals or another rule.");
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("the count failed", t);
    }
}
