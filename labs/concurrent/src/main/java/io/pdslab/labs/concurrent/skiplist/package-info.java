/** Part D: lazy (lock-based) and lock-free skip-list sets. */
package io.pdslab.labs.concurrent.skiplist;
