package dev.drrunbooks.starter.commands;

import dev.drrunbooks.bootstrap.catalog.CatalogException;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.ServiceSpec;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.Table;
import java.time.Duration;
import picocli.CommandLine.Command;

@Command(name = "services")
public final class ServicesCommand extends ConnectedCommand {
  /**
   * One service as {@code --json} prints it, one per line; {@code rto}, {@code rpo} ISO-8601.
   *
   * @param ecsService cluster/service, or null; {@code dnsRecord} the record's name, or null
   */
  public record ServiceRow(
      String service,
      String name,
      String priority,
      Duration rto,
      Duration rpo,
      String rdsInstance,
      String ecsService,
      String dnsRecord) {}

  @Override
  public Integer call() {
    Catalog catalog;
    try {
      catalog = CatalogLoader.load(connection.catalog());
    } catch (CatalogException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    Table table =
        new Table(
            "SERVICE",
            "NAME",
            "PRIORITY",
            "RTO",
            "RPO",
            "RDS INSTANCE",
            "ECS SERVICE",
            "DNS RECORD");
    for (String key : catalog.serviceKeys()) {
      ServiceSpec s = catalog.services().get(key);
      ServiceRow row =
          new ServiceRow(
              key,
              s.displayName(),
              String.valueOf(s.priority()),
              s.objectives().rto(),
              s.objectives().rpo(),
              s.database().instance(),
              s.ecs() == null ? null : s.ecs().cluster() + "/" + s.ecs().service(),
              s.dns() == null ? null : catalog.dnsRecords().get(s.dns()).name());
      if (json.on()) JsonOption.print(spec.commandLine().getOut(), row);
      table.row(
          row.service(),
          row.name(),
          row.priority(),
          Durations.format(row.rto()),
          Durations.format(row.rpo()),
          row.rdsInstance(),
          row.ecsService(),
          row.dnsRecord());
    }
    if (json.on()) return 0;
    spec.commandLine().getOut().print(table.render());
    spec.commandLine()
        .getOut()
        .printf(
            "%s, primary %s, DR %s, catalog %s%n",
            catalog.organisation(),
            catalog.regions().primary(),
            catalog.regions().dr(),
            connection.catalog());
    return 0;
  }
}
