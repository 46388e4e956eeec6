/**
 * Building a lab: Maven builds the reference and its test classpath ({@link
 * io.pdslab.grader.build.LabBuild}), the manifest's selections are expanded into graded test
 * methods ({@link io.pdslab.grader.build.LabTests}), and submissions are compiled in process
 * without annotation processing ({@link io.pdslab.grader.build.SourceCompiler}).
 */
package io.pdslab.grader.build;
