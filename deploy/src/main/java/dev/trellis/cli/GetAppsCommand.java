package dev.trellis.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.scheduler.api.ApiJson;
import dev.trellis.scheduler.api.ApiResponse.GetResult;
import dev.trellis.scheduler.api.ApiResponse.ListModelsResponse;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trellis get apps}: the lattice's applications as the scheduler reports them (newest and
 * deployed version, status), as a table or as JSON (the {@code models} of wadm's {@code model.list}
 * reply, field names as on the wire).
 */
@Command(
    name = "apps",
    mixinStandardHelpOptions = true,
    description = "List applications with their versions and status.")
final class GetAppsCommand implements Callable<Integer> {
  @Mixin AppOptions app;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  WorkloadCommand.Output output;

  @Override
  public Integer call() {
    try (AppOptions.Session session = app.open()) {
      ListModelsResponse reply = session.client().list();
      if (reply.result() != GetResult.SUCCESS) {
        System.err.println("trellis: " + reply.message());
        return 1;
      }
      System.out.print(
          output == WorkloadCommand.Output.json
              ? json(reply)
              : AppViewCommands.ListApps.table(reply.models()));
      System.out.flush();
      return 0;
    }
  }

  static String json(ListModelsResponse reply) {
    ObjectMapper mapper = new ObjectMapper();
    try {
      return mapper
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(ApiJson.tree(reply).path("models"))
          + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
