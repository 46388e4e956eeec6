package io.pdslab.grader.grade;

import io.pdslab.grader.GraderException;
import io.pdslab.grader.build.LabBuild;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.ParallelRun;
import io.pdslab.grader.run.SandboxLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grades a batch: one lab's submissions, or every lab's reference and examples; several at once,
 * each with its report written as soon as it is graded.
 */
public final class BatchGrader {
  private static final Logger LOG = LoggerFactory.getLogger(BatchGrader.class);

  /** The name that picks a lab's reference among its examples. */
  public static final String REFERENCE = "reference";

  /**
   * One submission to grade.
   *
   * @param grader the grader of its lab
   * @param input a folder or a zip
   * @param name a name unique in the batch (its report folder)
   * @param expected what grading should report (the reference and the examples), else empty
   */
  public record Job(Grader grader, Path input, String name, Optional<Expectation> expected) {}

  private final Path root;
  private final int seeds;
  private final long exploreSeed;
  private final Path work;
  private final Set<String> parts;

  /**
   * A batch grader for the project at {@code root}, grading every test.
   *
   * @param seeds seeds per simulation test
   * @param exploreSeed the run's explore seed ({@link Grader.Options#exploreSeed()})
   * @param work scratch folder for builds, references and submissions
   */
  public BatchGrader(Path root, int seeds, long exploreSeed, Path work) {
    this(root, seeds, exploreSeed, work, Set.of());
  }

  /**
   * A batch grader for the project at {@code root} that grades only the tests of {@code parts} (all
   * if empty): to check one part of the grading itself, e.g. {@code perf}.
   */
  public BatchGrader(Path root, int seeds, long exploreSeed, Path work, Set<String> parts) {
    this.root = root;
    this.seeds = seeds;
    this.exploreSeed = exploreSeed;
    this.work = work;
    this.parts = Set.copyOf(parts);
  }

  /**
   * Jobs for one lab's submissions, named after their files: characters other than letters, digits,
   * {@code .} and {@code -} become {@code _}, a name of dots only becomes {@code submission}, and a
   * name already taken gets the first free {@code -2}, {@code -3} … (each name is a folder under
   * the work and output folders, so it must be one plain, unique path element).
   */
  public List<Job> submissions(String lab, List<Path> inputs) {
    Grader grader = grader(ManifestLoader.load(root, lab));
    if (grader.reference().tests().isEmpty()) {
      throw new GraderException("lab " + lab + " has no part " + String.join(", ", parts));
    }
    List<String> names = folderNames(inputs);
    List<Job> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      out.add(new Job(grader, inputs.get(i), names.get(i), Optional.empty()));
    }
    return out;
  }

  /** One unique, plain folder name per input, in order (see {@link #submissions}). */
  static List<String> folderNames(List<Path> inputs) {
    Set<String> taken = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (Path s : inputs) {
      String base = folderName(s);
      String name = base;
      for (int n = 2; !taken.add(name); n++) {
        name = base + "-" + n;
      }
      out.add(name);
    }
    return out;
  }

  private static String folderName(Path input) {
    Path file = input.toAbsolutePath().normalize().getFileName();
    String name =
        (file == null ? "" : file.toString())
            .replaceAll("(?i)\\.zip$", "")
            .replaceAll("[^\\w.\\-]", "_");
    return name.matches("\\.*") ? "submission" : name;
  }

  /**
   * Jobs for every lab's reference (which must score full marks) and its examples, each laid over
   * the reference (a real submission is laid over the handout's stubs instead), each with what it
   * must score ({@link #mismatches}).
   *
   * @throws GraderException if an example is malformed (its planted bug no longer applies, its
   *     {@code EXPECTED} line has no known head)
   */
  public List<Job> examples() {
    return examples(List.of(), List.of());
  }

  /**
   * Jobs for the reference and examples of {@code labs} (every lab if empty), only those named in
   * {@code names} if it is not empty ({@code reference} or an example's folder name).
   *
   * @throws GraderException if a lab or a name is unknown, or an example is malformed
   */
  public List<Job> examples(List<String> labs, List<String> names) {
    List<LabManifest> all = ManifestLoader.loadAll(root);
    List<String> known = all.stream().map(LabManifest::lab).toList();
    for (String lab : labs) {
      if (!known.contains(lab)) {
        throw new GraderException("no lab " + lab + " (labs: " + String.join(", ", known) + ")");
      }
    }
    List<LabManifest> chosen =
        all.stream().filter(m -> labs.isEmpty() || labs.contains(m.lab())).toList();
    Set<String> unmatched = new LinkedHashSet<>(names);
    List<Job> out = new ArrayList<>();
    LabBuild.buildAll(root, chosen.stream().map(LabManifest::lab).toList());
    for (LabManifest m : chosen) {
      Path labDir = root.resolve("labs").resolve(m.lab());
      Grader grader = grader(m);
      if (grader.reference().tests().isEmpty()) {
        continue; // none of the chosen parts in this lab
      }
      if (names.isEmpty() || names.contains(REFERENCE)) {
        unmatched.remove(REFERENCE);
        out.add(
            new Job(
                grader, labDir, m.lab() + "-" + REFERENCE, Optional.of(Expectation.FULL_MARKS)));
      }
      for (Example ex : Example.of(m, labDir)) {
        if (!names.isEmpty() && !names.contains(ex.name())) {
          continue;
        }
        unmatched.remove(ex.name());
        String name = m.lab() + "-" + ex.name();
        out.add(
            new Job(
                grader,
                ex.materialize(labDir, work.resolve("examples").resolve(name)),
                name,
                Optional.of(ex.expectation().within(parts))));
      }
    }
    if (!unmatched.isEmpty()) {
      throw new GraderException(
          "no example named "
              + String.join(", ", unmatched)
              + " in "
              + (labs.isEmpty() ? "any lab" : String.join(", ", labs))
              + (parts.isEmpty() ? "" : " with part " + String.join(", ", parts)));
    }
    if (out.isEmpty()) {
      throw new GraderException("no lab has part " + String.join(", ", parts));
    }
    return out;
  }

  /**
   * Grades the jobs, {@code jobs} at a time, writing each report into {@code outDir/<name>} and
   * telling {@code progress} as each ends; grades come back in the order of the jobs.
   */
  public static List<SubmissionGrade> grade(
      List<Job> batch, int jobs, Path outDir, Consumer<SubmissionGrade> progress) {
    return ParallelRun.map(
        batch,
        jobs,
        j -> {
          SubmissionGrade g = j.grader().grade(j.input(), j.name(), (id, inv) -> {});
          try {
            ReportWriter.write(g, outDir.resolve(j.name()));
          } catch (RuntimeException e) {
            // The grade still reaches the batch's CSV; only this submission's files are missing.
            LOG.error("could not write the report of {}", j.name(), e);
          }
          synchronized (progress) {
            progress.accept(g);
          }
          return g;
        });
  }

  /**
   * One line per job whose grade differs from what it expected (jobs without an expectation are not
   * checked), e.g. {@code raft-no-log-check: expected fails: B, C, D, E, got graded 150/175, fails:
   * B}.
   *
   * @param batch the jobs
   * @param grades their grades, in the same order
   */
  public static List<String> mismatches(List<Job> batch, List<SubmissionGrade> grades) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Job job = batch.get(i);
      SubmissionGrade g = grades.get(i);
      job.expected().flatMap(e -> e.mismatch(g)).ifPresent(m -> out.add(job.name() + ": " + m));
    }
    return out;
  }

  private Grader grader(LabManifest m) {
    LabBuild build = LabBuild.build(root, m.lab());
    Path labWork = work.resolve(m.lab());
    Reference ref =
        Reference.prepare(m, build.labDir(), build.dependencies(), labWork.resolve("reference"))
            .restrictedTo(parts);
    return new Grader(ref, new Grader.Options(seeds, labWork, SandboxLimits.GRADING, exploreSeed));
  }
}
