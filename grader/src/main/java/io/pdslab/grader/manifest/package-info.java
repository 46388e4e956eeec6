/**
 * A lab's {@code lab.json}: its parts, the points of each test, the files a student may edit,
 * limits and performance thresholds ({@link io.pdslab.grader.manifest.LabManifest}), read and
 * validated with errors that name the file and field ({@link
 * io.pdslab.grader.manifest.ManifestLoader}).
 */
package io.pdslab.grader.manifest;
