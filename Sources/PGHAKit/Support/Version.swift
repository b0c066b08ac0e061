/// The pgha release.
public enum PGHAVersion {
    public static let current = "0.1.0"
}
