/**
 * Given code of the concurrent lab: the interfaces the tests program against ({@link
 * io.pdslab.labs.concurrent.given.ConcurrentStack}, {@link
 * io.pdslab.labs.concurrent.given.ConcurrentQueue}, {@link
 * io.pdslab.labs.concurrent.given.ConcurrentSet}), the base class of the spin locks ({@link
 * io.pdslab.labs.concurrent.given.SpinLock}) and the helpers your classes use: {@link
 * io.pdslab.labs.concurrent.given.Spin} (one step of a spin-wait), {@link
 * io.pdslab.labs.concurrent.given.Backoff} (exponential backoff) and {@link
 * io.pdslab.labs.concurrent.given.Levels} (reproducible skip-list tower heights).
 *
 * <p><b>Not yours to edit:</b> the tests rely on this code, and the grader ignores (and reports)
 * any change a submission makes here. Your files are the classes in {@code locks}, {@code stack},
 * {@code queue}, {@code hashset} and {@code skiplist} (plus any class you add there).
 */
package io.pdslab.labs.concurrent.given;
