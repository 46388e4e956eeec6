/** Part B: a lock-free stack. */
package io.pdslab.labs.concurrent.stack;
