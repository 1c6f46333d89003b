package io.plantline.gateway.journal;

/** When the journal forces written bytes to the storage device ({@code fsync}). */
public enum FsyncPolicy {
  /**
   * {@link Journal#append} and {@link Journal#acknowledge} return only after an fsync that covers
   * their bytes; concurrent callers share one fsync (group commit). Survives kill -9 and power
   * loss.
   */
  ALWAYS,
  /**
   * A background thread forces every {@link JournalConfig#fsyncInterval()}: a power loss loses at
   * most that window (plus the duration of one fsync); a killed process loses nothing.
   */
  INTERVAL,
  /**
   * Appends and acknowledgements never wait for nor schedule an fsync; the operating system writes
   * back when it likes. The journal still forces a segment when it rolls it, and on close.
   */
  NEVER
}
