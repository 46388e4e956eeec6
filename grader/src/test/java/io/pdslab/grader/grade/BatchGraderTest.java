package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchGraderTest {
  @Test
  void namesAreOnePlainUniqueFolderEach() {
    List<Path> inputs =
        List.of(
            Path.of("in/a.zip"),
            Path.of("other/a.zip"),
            Path.of("a-2.zip"),
            Path.of("..zip"),
            Path.of("...zip"),
            Path.of("x/Jean Dupont (v2).ZIP"));
    assertEquals(
        List.of("a", "a-2", "a-2-2", "submission", "submission-2", "Jean_Dupont__v2_"),
        BatchGrader.folderNames(inputs),
        "a name of dots would make the grader delete its own work folder's parent");
  }
}
