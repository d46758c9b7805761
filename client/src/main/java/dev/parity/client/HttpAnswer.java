package dev.parity.client;

/** An HTTP answer as an attempt received it: status and body. */
record HttpAnswer(int status, byte[] body) {}
