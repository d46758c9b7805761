/**
 * The command-line commands (docs/cli.md), as Dropwizard commands of {@code ParityApplication}. Each
 * parses its flags, calls one service of {@code dev.parity.server.core} and prints the result;
 * {@link dev.parity.server.cli.CliErrors} turns failures into a one-line reason and an exit code.
 */
package dev.parity.server.cli;
