package dev.trellis.cli;

import dev.trellis.scheduler.api.ApiResponse.GetResult;
import dev.trellis.scheduler.api.ApiResponse.ListModelsResponse;
import dev.trellis.scheduler.api.ApiResponse.ModelSummary;
import dev.trellis.scheduler.api.ApiResponse.VersionInfo;
import dev.trellis.scheduler.api.ApiResponse.VersionsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The read-only {@code trellis app} listings. */
final class AppViewCommands {
  private AppViewCommands() {}

  /** {@code trellis app list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List applications with their newest and deployed versions and status.")
  static final class ListApps implements Callable<Integer> {
    @Mixin AppOptions app;

    @Override
    public Integer call() {
      try (AppOptions.Session session = app.open()) {
        ListModelsResponse reply = session.client().list();
        if (reply.result() != GetResult.SUCCESS) {
          System.err.println("trellis: " + reply.message());
          return 1;
        }
        System.out.print(table(reply.models()));
        return 0;
      }
    }

    static String table(List<ModelSummary> models) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"NAME", "LATEST", "DEPLOYED", "STATUS", "MESSAGE"});
      for (ModelSummary model : models) {
        rows.add(
            new String[] {
              model.name(),
              model.version(),
              model.deployedVersion().orElse("-"),
              model.detailedStatus().type().wireName(),
              model.detailedStatus().message()
            });
      }
      return Tables.render(rows)
          + (models.isEmpty() ? "(no applications)" + System.lineSeparator() : "");
    }
  }

  /** {@code trellis app versions NAME}. */
  @Command(
      name = "versions",
      mixinStandardHelpOptions = true,
      description = "List an application's stored versions, oldest first.")
  static final class Versions implements Callable<Integer> {
    @Mixin AppOptions app;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      try (AppOptions.Session session = app.open()) {
        VersionsResponse reply = session.client().versions(name);
        if (reply.result() != GetResult.SUCCESS) {
          System.err.println("trellis: " + reply.message());
          return 1;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VERSION", "DEPLOYED"});
        for (VersionInfo version : reply.versions()) {
          rows.add(new String[] {version.version(), version.deployed() ? "yes" : ""});
        }
        System.out.print(Tables.render(rows));
        return 0;
      }
    }
  }
}
