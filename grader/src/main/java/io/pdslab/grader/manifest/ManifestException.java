package io.pdslab.grader.manifest;

import io.pdslab.grader.GraderException;

/** A missing or malformed lab manifest; the message names the file and the field. */
public final class ManifestException extends GraderException {
  private static final long serialVersionUID = 1L;

  ManifestException(String message) {
    super(message);
  }

  ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
