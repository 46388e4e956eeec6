/** Part B: a lock-free queue. */
package io.pdslab.labs.concurrent.queue;
