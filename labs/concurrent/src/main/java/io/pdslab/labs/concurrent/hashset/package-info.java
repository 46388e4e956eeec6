/** Part C: a lock-striped, resizable hash set. */
package io.pdslab.labs.concurrent.hashset;
