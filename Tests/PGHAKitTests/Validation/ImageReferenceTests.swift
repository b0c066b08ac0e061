import Testing
@testable import PGHAKit

/// `postgres.image` is read as the kubelet reads an image reference: CloudNativePG's webhook reads only the tag.
@Suite struct ImageReferenceTests {
    @Test(arguments: [
        "ghcr.io/cloudnative-pg/postgresql:17.6-system-trixie",
        "registry.example.com:5000/team/pg_images/postgresql:17.6",
        "localhost/postgresql:17",
        "my-registry.azurecr.io/a__b/c-d/e.f:17.6_1",
        "ghcr.io/cloudnative-pg/postgresql:17.6@sha256:" + String(repeating: "ab", count: 32),
        "postgresql:16",
        "[fd00::1]/postgresql:17", "[::1]:5000/postgresql:17", "Registry/postgresql:17",
        "ghcr.io/cloudnative-pg/postgresql:17.6@sha512:" + String(repeating: "0f", count: 64),
    ])
    func referencesTheKubeletPullsPass(_ reference: String) {
        #expect(ImageReference.problem(reference) == nil)
    }

    @Test(arguments: [
        ("ghcr.io/CloudNative-PG/postgresql:17.6", "the path component 'CloudNative-PG' is not lowercase letters and digits joined by '.', '_', '__' or '-'"),
        ("[fd00::g]/postgresql:17", "'[fd00::g]' is not a registry host name (with an optional port)"),
        ("ghcr.io//postgresql:17.6", "it has an empty path component ('//', or '/' at an end)"),
        ("ghcr.io/cloudnative-pg/postgresql:17.6@sha256:xyz", "the digest 'sha256:xyz' is not sha256:<64 hexadecimal digits> (or sha384, sha512)"),
        ("ghcr.io/cloudnative-pg/postgresql:-17", "the tag '-17' is not 1 to 128 letters, digits, '_', '.' and '-', starting with a letter, digit or '_'"),
        ("ghcr.io:port/postgresql:17", "'ghcr.io:port' is not a registry host name (with an optional port)"),
        ("ghcr.io/a..b/postgresql:17", "the path component 'a..b' is not lowercase letters and digits joined by '.', '_', '__' or '-'"),
    ])
    func referencesTheKubeletRefusesSayWhy(_ reference: String, _ problem: String) {
        #expect(ImageReference.problem(reference) == problem)
    }

    @Test func aMalformedImageIsReportedAtTheImage() {
        #expect(TestSupport.errors(adding: "postgres:\n  image: ghcr.io/CloudNative-PG/postgresql:17.6-system-trixie\n") == [
            "7:10 error[PGHA0106] postgres.image: 'ghcr.io/CloudNative-PG/postgresql:17.6-system-trixie' is not an image reference the kubelet can pull: the path component 'CloudNative-PG' is not lowercase letters and digits joined by '.', '_', '__' or '-'",
        ])
    }
}
