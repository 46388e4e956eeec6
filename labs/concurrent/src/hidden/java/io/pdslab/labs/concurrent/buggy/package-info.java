/**
 * Deliberately broken implementations, each with the bug a student is likely to write, and the test
 * that shows the lab's checks catch every one of them. Not graded; grader-only.
 */
package io.pdslab.labs.concurrent.buggy;
