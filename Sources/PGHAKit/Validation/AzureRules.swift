/// Checks Azure names and network settings against Azure's rules (shared/reference/aks-guide-facts.md §4).
enum AzureRules {
    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        let azure = spec.azure
        checkLocation(&context, azure.location)
        let derivedFromBadLocation = !spec.sourceMap.contains("azure.nodeResourceGroup") && context.hasError(at: "azure.location")
        checkName(&context, .invalidResourceGroupName, azure.resourceGroup, path: "azure.resourceGroup", what: "resource group",
                  valid: { isResourceGroupName($0) }, rule: "1 to 90 letters, digits, '-', '_', '.', '(' and ')', not ending in '.'")
        // AKS refuses a node resource group of over 80 characters ("The maximum length is 80"), below ARM's 90.
        checkName(&context, .invalidResourceGroupName, azure.nodeResourceGroup, path: "azure.nodeResourceGroup", what: "node resource group",
                  valid: { isResourceGroupName($0, maximumLength: 80) || derivedFromBadLocation },
                  rule: "1 to 80 letters, digits, '-', '_', '.', '(' and ')', not ending in '.' (AKS's limit for a node resource group)")
        if spec.sourceMap.contains("azure.nodeResourceGroup"), azure.nodeResourceGroup.lowercased() == azure.resourceGroup.lowercased() {
            context.error(.conflictingFields,
                          "the node resource group is the resource group '\(azure.resourceGroup)': AKS creates the node resource group itself and refuses one that exists",
                          at: "azure.nodeResourceGroup", hint: "remove azure.nodeResourceGroup (default MC_<resourceGroup>_<aksCluster>_<location>) or name a group that does not exist")
        }
        checkName(&context, .invalidAKSName, azure.aksCluster, path: "azure.aksCluster", what: "AKS cluster",
                  valid: { NameRules.matches($0, lengths: 1...63, allowed: "-_") },
                  rule: "1 to 63 letters, digits, '-' and '_', starting and ending alphanumeric")
        checkName(&context, .invalidIdentityName, azure.identityName, path: "azure.identity.name", what: "managed identity",
                  valid: { NameRules.matches($0, lengths: 3...128, allowed: "-_", last: { _ in true }) },
                  rule: "3 to 128 letters, digits, '-' and '_', starting alphanumeric")
        // Its default derives from the AKS cluster's name: a bad one is reported once, there.
        if spec.sourceMap.contains("azure.controlPlaneIdentity.name") || !context.hasError(at: "azure.aksCluster") {
            checkName(&context, .invalidIdentityName, azure.controlPlaneIdentityName, path: "azure.controlPlaneIdentity.name",
                      what: "managed identity", valid: { NameRules.matches($0, lengths: 3...128, allowed: "-_", last: { _ in true }) },
                      rule: "3 to 128 letters, digits, '-' and '_', starting alphanumeric")
        }
        if azure.controlPlaneIdentityName == azure.identityName && spec.backup != nil {
            context.warning(.sharedIdentity,
                            "the AKS cluster's identity is the workload identity '\(azure.identityName)': the database pods would hold its rights, Network Contributor on the node resource group included",
                            at: spec.sourceMap.contains("azure.controlPlaneIdentity.name") ? "azure.controlPlaneIdentity.name" : "azure.identity.name",
                            hint: "give azure.controlPlaneIdentity another name (default: <aksCluster>-identity)")
        }
        for (pool, path) in [(azure.systemPool, "azure.systemPool"), (azure.nodePool, "azure.nodePool")] {
            checkNodePool(&context, pool, path: path)
        }
        if azure.nodePool.name == azure.systemPool.name && !context.hasError(at: "azure.nodePool.name") {
            context.error(.nodePoolNameClash, "the PostgreSQL node pool cannot be named '\(azure.nodePool.name)' like the system pool",
                          at: spec.sourceMap.contains("azure.nodePool.name") ? "azure.nodePool.name" : "azure.systemPool.name",
                          hint: "deploy.sh would find the system pool, never create the labelled pool, and the instances would stay Pending; give the pools different names")
        }
        if !isVersion(azure.kubernetesVersion) {
            context.error(.invalidAzureValue, "'\(azure.kubernetesVersion)' is not a Kubernetes version", at: "azure.kubernetesVersion",
                          hint: "such as \"1.36\" (quoted)")
        } else {
            checkKubernetesSupport(&context, spec)
        }
        if azure.authorizedIPRanges.isEmpty {
            context.report(.note, .openAPIServer,
                           "the AKS API server accepts connections from any address on the internet: azure.authorizedIPRanges is not set",
                           at: "azure.authorizedIPRanges",
                           hint: "list the addresses kubectl and pgha's scripts run from, such as your public address as a /32 (curl -s https://ifconfig.me prints it)")
        }
        if let subscription = azure.subscription, !NameRules.isUUID(subscription) {
            context.error(.invalidSubscription, "'\(subscription)' is not a subscription ID", at: "azure.subscription",
                          hint: "the ID az account show --query id prints, a UUID such as 00000000-0000-0000-0000-000000000000")
        }
        if let clientID = azure.identityClientID, !NameRules.isUUID(clientID) {
            context.error(.invalidClientID, "'\(clientID)' is not a client ID", at: "azure.identity.clientID",
                          hint: "the identity's clientId, a UUID such as 00000000-0000-0000-0000-000000000000")
        }
        if spec.backup != nil && context.nameIsValid {
            checkFederatedCredential(&context, spec.name, path: "name")
            if let recovery = spec.recovery { checkFederatedCredential(&context, recovery.name, path: "recovery.name") }
        }
        if spec.monitoring.managedPrometheus {
            checkName(&context, .invalidMonitoringResourceName, azure.grafana, path: "azure.grafana", what: "Managed Grafana",
                      valid: { NameRules.matches($0, lengths: 2...23, allowed: "-", first: NameRules.isLetter) },
                      rule: "2 to 23 letters, digits and '-', starting with a letter and ending alphanumeric")
            checkName(&context, .invalidMonitoringResourceName, azure.monitorWorkspace, path: "azure.monitorWorkspace", what: "Azure Monitor workspace",
                      valid: { NameRules.matches($0, lengths: 4...44, allowed: "-") },
                      rule: "4 to 44 letters, digits and '-', starting and ending alphanumeric")
            checkName(&context, .invalidMonitoringResourceName, azure.logAnalyticsWorkspace, path: "azure.logAnalyticsWorkspace", what: "Log Analytics workspace",
                      valid: { NameRules.matches($0, lengths: 4...63, allowed: "-") },
                      rule: "4 to 63 letters, digits and '-', starting and ending alphanumeric")
        }
        for (key, value) in azure.tags.sorted(by: { $0.key < $1.key }) {
            if key.contains("=") {
                context.error(.invalidAzureValue, "the tag name '\(key)' contains '=', which `az --tags name=value` reads as the end of the name",
                              at: "azure.tags.\(key)", onKey: true, hint: "remove the '=' from the tag name")
            } else if key.isEmpty || key.count > 512 || key.contains(where: { "<>%&\\?/".contains($0) }) || value.count > 256
                || (key + value).contains(where: { $0.isNewline }) {
                context.error(.invalidAzureValue, "the tag '\(key)' is not valid in Azure", at: "azure.tags.\(key)",
                              hint: "names of at most 512 characters without < > % & \\ ? /, values of at most 256")
            }
        }
        for (index, range) in azure.authorizedIPRanges.enumerated()
        where CIDR(range) == nil && CIDR(range + "/32") == nil && CIDR(range + "/128") == nil {
            context.error(.invalidCIDR, "'\(range)' is not an IP address or CIDR block", at: "azure.authorizedIPRanges[\(index)]",
                          hint: "such as 203.0.113.7/32")
        }
        checkZones(&context, spec)
        if let expose = spec.expose { checkExposure(&context, spec, expose) }
    }

    private static func checkName(_ context: inout ValidationContext, _ code: DiagnosticCode, _ value: String, path: String, what: String,
                                  valid: (String) -> Bool, rule: String) {
        guard context.checksValue(at: path), !valid(value) else { return }
        let written = context.spec.sourceMap.contains(path)
        context.error(code, "'\(value)' is not a valid \(what) name", at: path,
                      hint: written ? rule : "the default name does not fit (\(rule)); set '\(path)'")
    }

    private static func checkNodePool(_ context: inout ValidationContext, _ pool: Spec.Azure.NodePool, path: String) {
        checkName(&context, .invalidNodePoolName, pool.name, path: "\(path).name", what: "node pool",
                  valid: { NameRules.matches($0, lengths: 1...12, allowed: "", first: NameRules.isLowercaseLetter,
                                             last: NameRules.isLowerAlphanumeric) && $0.utf8.allSatisfy(NameRules.isLowerAlphanumeric) },
                  rule: "1 to 12 lowercase letters and digits, starting with a letter")
        if !NameRules.matches(pool.vmSize, lengths: 1...64, allowed: "_") {
            context.error(.invalidAzureValue, "'\(pool.vmSize)' is not a VM size", at: "\(path).vmSize", hint: "such as standard_d4s_v3")
        }
        if pool.minCount > pool.maxCount {
            context.error(.nodePoolCounts, "minCount \(pool.minCount) is larger than maxCount \(pool.maxCount)", at: "\(path).minCount")
        }
    }

    /// A warning when the operator does not support the Kubernetes minor (it may work, but CloudNativePG does not
    /// promise it).
    private static func checkKubernetesSupport(_ context: inout ValidationContext, _ spec: Spec) {
        let operatorVersion = spec.operatorSettings.version
        let supported = KubernetesSupport.supported(by: operatorVersion)
        guard !supported.isEmpty, !supported.contains(KubernetesSupport.minor(of: spec.azure.kubernetesVersion)) else { return }
        context.warning(.unsupportedKubernetesVersion,
                        "CloudNativePG \(operatorVersion) does not support Kubernetes \(spec.azure.kubernetesVersion); it supports \(supported.joined(separator: ", "))",
                        at: "azure.kubernetesVersion",
                        hint: "use \"\(supported.last ?? "")\", the newest of them, or an operator.version that supports \(spec.azure.kubernetesVersion)")
    }

    private static func checkFederatedCredential(_ context: inout ValidationContext, _ name: String, path: String) {
        if !NameRules.matches(name, lengths: 3...120, allowed: "-_", last: { _ in true }) {
            context.error(.invalidFederatedCredentialName, "'\(name)' is too short to name its federated identity credential", at: path,
                          hint: "federated credentials are named after the cluster and need 3 to 120 characters")
        }
    }

    private static func checkLocation(_ context: inout ValidationContext, _ location: String) {
        guard !AzureRegions.names.contains(location) else { return }
        let suggestion = context.spendSuggestion(on: location) ? AzureRegions.suggestion(for: location) : nil
        let isRegionName = !location.isEmpty && location.utf8.allSatisfy(NameRules.isLowerAlphanumeric)
        context.error(isRegionName ? .unknownAzureRegion : .invalidAzureValue,
                      isRegionName ? "'\(location)' is not an Azure public region" : "'\(location)' is not an Azure region name",
                      at: "azure.location",
                      hint: suggestion.map { "did you mean '\($0)'?" } ?? "the region's programmatic name, such as canadacentral or westus3 (`az account list-locations -o table`)")
    }

    private static func checkZones(_ context: inout ValidationContext, _ spec: Spec) {
        // A warning, not an error: a region without availability zones (West US, UK West, ...) can only spread the
        // instances across nodes, and deploy.sh stops a spec with zones there.
        if spec.zones.isEmpty && spec.instances > 1 {
            context.warning(.noZones, "'zones' lists no zone: the \(spec.instances) instances are not spread across zones, so a zone's outage can take them all", at: "zones",
                            hint: "where the region has availability zones, remove 'zones' to spread across zones 1, 2 and 3, or list the zones to use; an empty list suits a single instance or a region without zones")
        }
        var seen = Set<String>()
        for (index, zone) in spec.zones.enumerated() {
            if !["1", "2", "3"].contains(zone) {
                context.error(.invalidZone, "'\(zone)' is not an Azure availability zone", at: "zones[\(index)]", hint: "zones are 1, 2 and 3")
            } else if !seen.insert(zone).inserted {
                context.error(.invalidZone, "zone \(zone) is listed twice", at: "zones[\(index)]")
            }
        }
    }

    private static func checkExposure(_ context: inout ValidationContext, _ spec: Spec, _ expose: Spec.Expose) {
        if expose.allowedSourceRanges.isEmpty {
            context.error(.invalidCIDR, "'expose.allowedSourceRanges' must list at least one CIDR", at: "expose.allowedSourceRanges",
                          hint: "such as your workstation's 203.0.113.7/32")
        }
        var blocks: [(index: Int, cidr: CIDR)] = []
        for (index, range) in expose.allowedSourceRanges.enumerated() {
            let path = "expose.allowedSourceRanges[\(index)]"
            guard let cidr = CIDR(range) else {
                context.error(.invalidCIDR, "'\(range)' is not a CIDR block", at: path,
                              hint: "an address and prefix length with no host bits set, such as 203.0.113.7/32 or 2001:db8::/48")
                continue
            }
            if cidr.isEverything && !expose.allowInternet {
                context.error(.wholeInternet, "'\(range)' opens the database to the whole internet", at: path,
                              hint: "narrow the range, or set 'expose.allowInternet: true' if you really mean it")
            }
            blocks.append((index, cidr))
        }
        checkCoverage(&context, expose, blocks)
        if !isDNSLabel(expose.dnsLabel) {
            context.error(.invalidDNSLabel, "'\(expose.dnsLabel)' is not a valid DNS label", at: "expose.dnsLabel",
                          hint: "3 to 63 lowercase letters, digits and '-', starting with a letter")
        }
        checkName(&context, .invalidPublicIPName, expose.publicIP, path: "expose.publicIP", what: "public IP",
                  valid: { NameRules.matches($0, lengths: 1...80, allowed: "-._", last: { NameRules.isAlphanumeric($0) || $0 == "_" }) },
                  rule: "1 to 80 letters, digits, '-', '.' and '_', starting alphanumeric")
        if expose.readWritePort == expose.readOnlyPort {
            context.error(.conflictingFields, "the read-write and read-only ports must differ: both Services share one public IP",
                          at: "expose.readOnlyPort")
        }
    }

    /// Ranges that together are the whole internet, and ranges that repeat or contain others.
    private static func checkCoverage(_ context: inout ValidationContext, _ expose: Spec.Expose, _ blocks: [(index: Int, cidr: CIDR)]) {
        for ipv6 in [false, true] where !expose.allowInternet {
            let family = blocks.filter { $0.cidr.isIPv6 == ipv6 }
            guard family.count > 1, !family.contains(where: { $0.cidr.isEverything }),
                  CIDR.coverEverything(family.map(\.cidr), ipv6: ipv6) else { continue }
            context.error(.wholeInternet,
                          "together, " + family.map { "'\(expose.allowedSourceRanges[$0.index])'" }.joined(separator: ", ")
                              + " open the database to the whole \(ipv6 ? "IPv6" : "IPv4") internet",
                          at: "expose.allowedSourceRanges",
                          hint: "narrow the ranges, or set 'expose.allowInternet: true' if you really mean it")
        }
        for (position, block) in blocks.enumerated() {
            guard let earlier = blocks[..<position].first(where: { $0.cidr.contains(block.cidr) || block.cidr.contains($0.cidr) }) else { continue }
            let (range, other) = (expose.allowedSourceRanges[block.index], expose.allowedSourceRanges[earlier.index])
            let message = block.cidr == earlier.cidr ? "'\(range)' repeats '\(other)' (expose.allowedSourceRanges[\(earlier.index)])"
                : earlier.cidr.contains(block.cidr) ? "'\(range)' lies within '\(other)' (expose.allowedSourceRanges[\(earlier.index)])"
                : "'\(range)' contains '\(other)' (expose.allowedSourceRanges[\(earlier.index)])"
            context.warning(.overlappingSourceRanges, message, at: "expose.allowedSourceRanges[\(block.index)]",
                            hint: "keep the wider range only; a repeated range hides what was meant")
        }
    }

    /// Whether `name` is a resource group name: at most 90 characters (ARM's limit), or `maximumLength`.
    static func isResourceGroupName(_ name: String, maximumLength: Int = 90) -> Bool {
        NameRules.matches(name, lengths: 1...maximumLength, allowed: "-_.()", first: { NameRules.isAlphanumeric($0) || "-_.()".contains($0) },
                          last: { NameRules.isAlphanumeric($0) || "-_()".contains($0) })
    }

    /// `^[a-z][a-z0-9-]{1,61}[a-z0-9]$`.
    static func isDNSLabel(_ label: String) -> Bool {
        NameRules.matches(label, lengths: 3...63, allowed: "-", first: NameRules.isLowercaseLetter,
                          last: NameRules.isLowerAlphanumeric) && !label.utf8.contains(where: NameRules.isUppercaseLetter)
    }

    /// `1.32` or `1.32.5`.
    static func isVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return (2...3).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
