/**
 * The command-line commands (docs/cli.md), as Dropwizard commands of {@code ParityApplication}. Each
 * parses its flags, calls one service ({@code dev.parity.server.core}, {@code push}, or {@code
 * lookup} for {@code get-online}) and prints the result; {@link dev.parity.server.cli.CliErrors}
 * turns failures into a one-line reason and an exit code.
 */
package dev.parity.server.cli;
