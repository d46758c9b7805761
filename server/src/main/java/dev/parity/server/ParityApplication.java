package dev.parity.server;

public final class ParityApplication {
  public static void main(String[] args) {}
}
