/**
 * The student repository: solution blocks replaced by their stubs ({@link
 * io.pdslab.grader.handout.MarkerProcessor}) and the handed-out modules written with their build,
 * without hidden tests or example submissions ({@link io.pdslab.grader.handout.HandoutWriter}).
 */
package io.pdslab.grader.handout;
