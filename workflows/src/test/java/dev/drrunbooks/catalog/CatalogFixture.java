package dev.drrunbooks.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's real catalog, for tests that start from it and break one thing. */
public final class CatalogFixture {
  private CatalogFixture() {}

  public static Path path() {
    String root = System.getProperty("dr.repo.root", "..");
    return Path.of(root, "deploy", "catalog", "mycomputer.yaml");
  }

  public static String text() {
    try {
      return Files.readString(path());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Catalog load() {
    return CatalogLoader.load(path());
  }
}
