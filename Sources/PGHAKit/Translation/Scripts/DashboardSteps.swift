/// deploy.sh's steps that install CloudNativePG's Grafana dashboard (cloudnative-pg/grafana-dashboards), fetched from
/// upstream at deploy time and never copied here: the `cnpg-grafana/cluster` chart's ConfigMap for
/// kube-prometheus-stack's Grafana, and an import into Azure Managed Grafana.
enum DashboardSteps {
    private typealias V = ScriptValues

    /// The dashboard chart's version, and the tag its dashboard JSON is read from.
    static let chartVersion = "0.0.5"
    static let definitionURL =
        "https://raw.githubusercontent.com/cloudnative-pg/grafana-dashboards/cluster-v\(chartVersion)/charts/cluster/grafana-dashboard.json"

    /// The dashboard chart's release, in the spec's namespace.
    static let release: ShellWord = "cnpg-grafana-dashboard"

    static func steps(_ inputs: ScriptInputs) -> [Step] {
        guard inputs.dashboard else { return [] }
        var steps: [Step] = []
        if inputs.prometheus {
            steps += [.heading("CloudNativePG dashboard for kube-prometheus-stack's Grafana")]
                + HelmOwnership.check(release, namespace: V.namespace) + [
                .run(Command("helm", "repo", "add", "cnpg-grafana", "https://cloudnative-pg.github.io/grafana-dashboards",
                             "--force-update")),
                .run(Command(["helm", "upgrade", release, "cnpg-grafana/cluster", "--install",
                              "--version", ShellWord(chartVersion), "--namespace", V.namespace, "--kube-context", V.aksCluster]
                             + HelmOwnership.labels)),
            ]
        }
        if inputs.managedPrometheus {
            let importing = Command("az", "grafana", "dashboard", "import", "--name", V.grafana, "--resource-group", V.resourceGroup,
                                    "--definition", ShellWord(definitionURL), "--overwrite", "true", "--output", "none")
            steps += [
                .heading("CloudNativePG dashboard in Azure Managed Grafana " + V.grafana),
                .check("""
                if ! run \(importing); then
                  fail "cannot import CloudNativePG's dashboard into Managed Grafana \(inString: V.grafana) (see the error above). A 403 right after deploy.sh granted the role \(inString: grafanaRole) is Azure applying it: wait a few minutes, then run deploy.sh again"
                fi
                """),
            ]
        }
        return steps
    }

    /// The Azure role the import needs on the Managed Grafana. `az grafana dashboard import` lists the workspace's data
    /// sources to fill the dashboard's Prometheus input, and Grafana lets only its Admin role read them all
    /// (`datasources:read`, the fixed role `fixed:datasources:reader`, which Grafana grants to Admin): as a "Grafana
    /// Editor" the import would find no Prometheus data source.
    static let grafanaRole: ShellWord = "Grafana Admin"

    /// The bash function that reads the object ID of the principal az is signed in as into `SIGNED_IN_OBJECT_ID`: the
    /// `oid` claim of its Azure Resource Manager access token, which a user and a service principal (or managed
    /// identity) alike can read without any Microsoft Graph permission. The token goes through a pipe only (never an
    /// argument, a file or a log line), and only its claims, without the signature, are decoded. Read-only: runs with
    /// `--dry-run` too.
    static let signedInObjectIDFunction = """
    # Reads the object ID of the principal az is signed in as (the oid claim of its access token) into
    # SIGNED_IN_OBJECT_ID: read_signed_in_object_id.
    read_signed_in_object_id() {
      local claims
      log "+ az account get-access-token --query accessToken --output tsv"
      claims="$(az account get-access-token --query accessToken --output tsv | cut -d . -f 2 | tr -- '-_' '+/')" \\
        || fail "cannot read the access token of the principal az is signed in as (see the error above): sign in again with az login, then run deploy.sh again"
      while [ $((${#claims} % 4)) != 0 ]; do claims="$claims="; done
      SIGNED_IN_OBJECT_ID="$(printf '%s' "$claims" | base64 --decode | grep -o '"oid" *: *"[^"]*"' | cut -d '"' -f 4)" || true
      [ -n "$SIGNED_IN_OBJECT_ID" ] \\
        || fail "the access token of the principal az is signed in as names no object ID (oid claim): sign in as a user or a service principal with az login, then run deploy.sh again"
    }
    """

    /// Before the import, once the Managed Grafana exists: grants the principal az is signed in as `grafanaRole` on it
    /// unless it has it (directly, through a group, or inherited from the resource group or subscription). `az grafana
    /// create` grants it only to the principal that created the Grafana, so a colleague's or a CI service principal's
    /// run would be refused (403) at the import. When the principal may not grant roles there (it needs Owner, User
    /// Access Administrator or Role Based Access Control Administrator on the Grafana), stops before the import,
    /// naming the role and the scope.
    static func grafanaAccess(_ inputs: ScriptInputs) -> [Step] {
        guard inputs.dashboard && inputs.managedPrometheus else { return [] }
        let principal: [ShellWord] = ["--assignee-object-id", .variable(V.signedInObjectID)]
        let grant: [ShellWord] = ["--role", grafanaRole, "--scope", .variable(V.grafanaID)]
        let type = ShellWord.variable("principal_type")
        let create = Command(["az", "role", "assignment", "create"] + principal + ["--assignee-principal-type", type] + grant + ["--output", "none"])
        let manual = "az role assignment create --assignee-object-id " + .variable(V.signedInObjectID) + " --assignee-principal-type "
            + type + " --role '" + grafanaRole + "' --scope " + .variable(V.grafanaID)
        return [
            .heading("Role " + grafanaRole + " on Managed Grafana " + V.grafana + " for the signed-in principal"),
            .capture(variable: V.signedInType, Command("az", "account", "show", "--query", "user.type", "--output", "tsv")),
            .check("read_signed_in_object_id"),
            .unlessExists(
                .printsSomething(Command(["az", "role", "assignment", "list"] + principal + grant
                                         + ["--include-inherited", "--include-groups", "--query", "[].id", "--output", "tsv"])),
                exists: "the signed-in principal has role " + grafanaRole + " on Managed Grafana " + V.grafana,
                [.check("""
                local principal_type=User
                if [ "$SIGNED_IN_TYPE" = servicePrincipal ]; then principal_type=ServicePrincipal; fi
                if ! run \(create); then
                  fail "cannot grant the signed-in principal ($SIGNED_IN_OBJECT_ID) the role \(inString: grafanaRole) on the Managed Grafana $GRAFANA_ID, which importing CloudNativePG's dashboard needs: it may not assign roles there. Have someone who may (Owner, User Access Administrator or Role Based Access Control Administrator on it) run \(inString: manual), then run deploy.sh again"
                fi
                """)]
            ),
        ]
    }
}
