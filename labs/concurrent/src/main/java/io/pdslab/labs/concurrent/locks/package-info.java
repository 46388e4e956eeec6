/** Part A: spin locks implementing {@link java.util.concurrent.locks.Lock}. */
package io.pdslab.labs.concurrent.locks;
