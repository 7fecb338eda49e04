package dev.drrunbooks.starter.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ListCommandTest {
  @Test
  void tookIsShortAndNeverEmpty() {
    assertEquals("0s", ListCommand.took(0));
    assertEquals("45s", ListCommand.took(45));
    assertEquals("3m12s", ListCommand.took(192));
    assertEquals("1h5m", ListCommand.took(3900));
  }
}
