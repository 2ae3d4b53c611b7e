// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.model;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.schemas.SegflowModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/** Reads saved models back and refuses files that are not one, are damaged, or are too new. */
public final class SavedModels {
  private SavedModels() {}

  /**
   * Reads the model in {@code location}: a {@value ModelArtifact#FILE} file, or a Segflow output
   * folder (or partition) that holds one.
   *
   * @param option the flag or config key the location came from, for messages
   */
  public static SegflowModel read(String location, String option) {
    Path path = Path.of(location).toAbsolutePath().normalize();
    Path file = Files.isDirectory(path) ? path.resolve(ModelArtifact.FILE) : path;
    if (!Files.isRegularFile(file)) {
      throw new SegflowException(
          ExitCode.INPUT,
          option
              + " "
              + path
              + ": no saved model there. Give "
              + "a "
              + ModelArtifact.FILE
              + " file or the output folder of a run that trained one "
              + "(segflow train or run with segmentation on).");
    }
    SegflowModel record;
    try (DataFileReader<SegflowModel> reader =
        new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(SegflowModel.class))) {
      if (!reader.hasNext()) {
        throw new SegflowException(ExitCode.INPUT, option + " " + file + " holds no model");
      }
      record = reader.next();
    } catch (IOException | AvroRuntimeException e) {
      throw new SegflowException(
          ExitCode.INPUT,
          option + " " + file + " is not a Segflow model " + "file (" + e.getMessage() + ")",
          e);
    }
    if (record.getFormatVersion() > ModelArtifact.FORMAT_VERSION) {
      throw new SegflowException(
          ExitCode.INPUT,
          option
              + " "
              + file
              + " was written by a newer "
              + "Segflow (model format "
              + record.getFormatVersion()
              + "; this one reads up to "
              + ModelArtifact.FORMAT_VERSION
              + "): upgrade Segflow or retrain the model");
    }
    if (!ModelArtifact.idOf(record).equals(record.getModelId())) {
      throw new SegflowException(
          ExitCode.INPUT,
          option
              + " "
              + file
              + " is damaged or was edited: "
              + "its content no longer matches its model id "
              + record.getModelId()
              + "; retrain it or restore the original file");
    }
    return record;
  }
}
