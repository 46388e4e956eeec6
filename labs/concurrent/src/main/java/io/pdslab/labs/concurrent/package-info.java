/**
 * The concurrent lab: spin locks ({@code locks}), a lock-free stack and queue ({@code stack},
 * {@code queue}), a striped hash set ({@code hashset}) and skip lists ({@code skiplist}), after
 * Herlihy and Shavit, <i>The Art of Multiprocessor Programming</i>. Those five packages are the
 * student's; {@code given} holds the interfaces and helpers the tests rely on.
 */
package io.pdslab.labs.concurrent;
