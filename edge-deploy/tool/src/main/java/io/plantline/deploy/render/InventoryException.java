package io.plantline.deploy.render;

/** A plant inventory that cannot be deployed; the message names the file and the key path. */
public final class InventoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;

  public InventoryException(String source, String path, String reason) {
    super(source + ": " + path + ": " + reason);
    this.path = path;
  }

  /** The key path of the bad value, e.g. {@code sites[0].nodes[1].devices[2].registerMap}. */
  public String path() {
    return path;
  }
}
