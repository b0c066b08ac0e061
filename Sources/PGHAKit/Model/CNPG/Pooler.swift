/// A CloudNativePG `Pooler` (`postgresql.cnpg.io/v1`): PgBouncer in front of a Cluster; field names are the CRD's.
public struct Pooler: ObjectWithSpec, Equatable {
    public var apiVersion = "postgresql.cnpg.io/v1"
    public var kind = "Pooler"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: ManifestValue, Equatable {
        public var cluster: LocalObjectReference
        public var instances: Int
        /// `rw` (the primary) or `ro` (the standbys).
        public var type: String
        public var pgbouncer: PgBouncer
        public var template: PodTemplate?
        public var serviceTemplate: ServiceTemplate?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("cluster", cluster)
                $0.field("instances", instances)
                $0.field("type", type)
                $0.field("pgbouncer", pgbouncer)
                $0.field("template", template)
                $0.field("serviceTemplate", serviceTemplate)
            }
        }
    }

    public struct PgBouncer: ManifestValue, Equatable {
        public var poolMode: String
        public var parameters: SortedMap?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("poolMode", poolMode)
                $0.field("parameters", parameters)
            }
        }
    }

    /// The fields of a core/v1 `PodTemplateSpec` that pgha sets.
    public struct PodTemplate: ManifestValue, Equatable {
        public var spec: PodSpec

        public var manifestNode: ManifestNode {
            .object {
                $0.field("spec", spec)
            }
        }
    }

    public struct PodSpec: ManifestValue, Equatable {
        public var containers: [Container]
        public var topologySpreadConstraints: [TopologySpreadConstraint]?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("containers", containers)
                $0.field("topologySpreadConstraints", topologySpreadConstraints)
            }
        }
    }

    /// A container override: CloudNativePG merges it into the `pgbouncer` container it builds.
    public struct Container: ManifestValue, Equatable {
        public var name: String
        public var resources: ResourceRequirements?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("name", name)
                $0.field("resources", resources)
            }
        }
    }

    /// Metadata and a partial core/v1 `ServiceSpec` merged into the Service the operator creates for the Pooler.
    public struct ServiceTemplate: ManifestValue, Equatable {
        public var metadata: ServiceTemplateMetadata?
        public var spec: ServiceSpec

        public var manifestNode: ManifestNode {
            .object {
                $0.field("metadata", metadata)
                $0.field("spec", spec)
            }
        }
    }

    public struct ServiceTemplateMetadata: ManifestValue, Equatable {
        public var annotations: SortedMap?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("annotations", annotations)
            }
        }
    }

    public struct ServiceSpec: ManifestValue, Equatable {
        public var type: String
        public var loadBalancerSourceRanges: [String]?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("type", type)
                $0.field("loadBalancerSourceRanges", loadBalancerSourceRanges)
            }
        }
    }
}
