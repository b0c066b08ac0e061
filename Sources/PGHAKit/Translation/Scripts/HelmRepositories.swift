/// The Helm repository list and cache the scripts that run helm use: pgha's own, shared by every spec, never the
/// user's (`~/.config/helm/repositories.yaml`). `helm repo add NAME URL --force-update` rewrites the entry NAME of the
/// list it reads, so in the user's list it would point a `jetstack`, `cnpg`, `prometheus-community` or
/// `cnpg-grafana` entry of theirs (an internal mirror, say) at the public charts for good. Each such script exports
/// `HELM_REPOSITORY_CONFIG` and `HELM_REPOSITORY_CACHE` to pgha's files before its first step, next to `KUBECONFIG`
/// (`Kubeconfig`), so every helm call reads and writes them, whatever the environment set them to.
enum HelmRepositories {
    /// The folder, resolved when the script runs (the rendered script names no machine's path).
    static let folder = "${XDG_CACHE_HOME:-$HOME/.cache}/pgha/helm"

    /// `PGHA_HELM_REPOSITORY_CONFIG` and `PGHA_HELM_REPOSITORY_CACHE`, exported as the variables helm reads.
    static let settings: [Script.Setting] = [
        Script.Setting(
            "PGHA_HELM_REPOSITORY_CONFIG", default: folder + "/repositories.yaml",
            help: "The Helm repository list deploy.sh adds its chart repositories to and every helm call reads, exported as HELM_REPOSITORY_CONFIG (default: ~/.cache/pgha/helm/repositories.yaml, under $XDG_CACHE_HOME when set, shared by every spec). Never your own: helm repo add --force-update would point your entries of the same names at the public charts.",
            exportedAs: "HELM_REPOSITORY_CONFIG"
        ),
        Script.Setting(
            "PGHA_HELM_REPOSITORY_CACHE", default: folder + "/repository",
            help: "The folder of the Helm repositories' indexes and charts, exported as HELM_REPOSITORY_CACHE (default: ~/.cache/pgha/helm/repository, under $XDG_CACHE_HOME when set).",
            exportedAs: "HELM_REPOSITORY_CACHE"
        ),
    ]

    /// Whether `script` runs helm (names it among the tools it needs).
    static func used(by script: Script) -> Bool {
        script.tools.contains("helm")
    }
}
