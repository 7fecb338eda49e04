package dev.drrunbooks.starter.commands;

import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.JsonOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that reaches Temporal or the catalog ({@link Connection}'s options), answers {@code
 * --json} ({@link JsonOption}) and writes through its own command line ({@code spec}).
 */
abstract class ConnectedCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;
}
