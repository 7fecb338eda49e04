package dev.drrunbooks.starter.commands;

import dev.drrunbooks.bootstrap.catalog.CatalogException;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.ServiceSpec;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "services",
    description = "The catalog's services with their RTO and RPO objectives.")
public final class ServicesCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

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
      table.row(
          key,
          s.displayName(),
          s.priority(),
          Durations.format(s.objectives().rto()),
          Durations.format(s.objectives().rpo()),
          s.database().instance(),
          s.ecs() == null ? null : s.ecs().cluster() + "/" + s.ecs().service(),
          s.dns() == null ? null : catalog.dnsRecords().get(s.dns()).name());
    }
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
