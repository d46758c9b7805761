package dev.parity.definitions.expr;

/** The inputs of one vectorized evaluation, converted once from Arrow. */
record Batch(int n, Vec[] inputs) {}
