package dev.parity.server;

import io.dropwizard.core.Configuration;

/** Server configuration; the feature repository's parity.yaml remains the source of truth. */
public class ParityConfiguration extends Configuration {}
