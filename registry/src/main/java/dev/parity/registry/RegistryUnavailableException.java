package dev.parity.registry;

/**
 * The registry database cannot be reached or opened: unsupported or malformed URL, server down,
 * authentication refused, an H2 file that cannot be created or is locked by another process, or
 * the connection lost in the middle of an operation. The message names the URL with its password
 * masked and gives a one-line reason; the driver's exception is kept as the cause for logs.
 */
public class RegistryUnavailableException extends RegistryException {
  private final String url;

  public RegistryUnavailableException(String maskedUrl, String reason, Throwable cause) {
    super("registry " + maskedUrl + " is unavailable: " + reason, cause);
    this.url = maskedUrl;
  }

  /** The registry URL with any password masked. */
  public String url() {
    return url;
  }
}
