/// Azure's public regions, as `az account list-locations --query "[?metadata.regionType=='Physical']"` lists them
/// (programmatic name and display name). Sovereign clouds (China, US Government) and the EUAP canary regions are
/// left out: pgha deploys to the public cloud. Add a region here when Azure opens one.
enum AzureRegions {
    static let all: [(name: String, displayName: String)] = [
        ("australiacentral", "Australia Central"), ("australiacentral2", "Australia Central 2"),
        ("australiaeast", "Australia East"), ("australiasoutheast", "Australia Southeast"),
        ("austriaeast", "Austria East"), ("belgiumcentral", "Belgium Central"),
        ("brazilsouth", "Brazil South"), ("brazilsoutheast", "Brazil Southeast"),
        ("canadacentral", "Canada Central"), ("canadaeast", "Canada East"),
        ("centralindia", "Central India"), ("centralus", "Central US"), ("chilecentral", "Chile Central"),
        ("denmarkeast", "Denmark East"), ("eastasia", "East Asia"), ("eastus", "East US"), ("eastus2", "East US 2"),
        ("francecentral", "France Central"), ("francesouth", "France South"),
        ("germanynorth", "Germany North"), ("germanywestcentral", "Germany West Central"),
        ("indonesiacentral", "Indonesia Central"), ("israelcentral", "Israel Central"), ("italynorth", "Italy North"),
        ("japaneast", "Japan East"), ("japanwest", "Japan West"),
        ("jioindiacentral", "Jio India Central"), ("jioindiawest", "Jio India West"),
        ("koreacentral", "Korea Central"), ("koreasouth", "Korea South"), ("malaysiawest", "Malaysia West"),
        ("mexicocentral", "Mexico Central"), ("newzealandnorth", "New Zealand North"),
        ("northcentralus", "North Central US"), ("northeurope", "North Europe"),
        ("norwayeast", "Norway East"), ("norwaywest", "Norway West"), ("polandcentral", "Poland Central"),
        ("qatarcentral", "Qatar Central"), ("southafricanorth", "South Africa North"),
        ("southafricawest", "South Africa West"), ("southcentralus", "South Central US"),
        ("southeastasia", "Southeast Asia"), ("southindia", "South India"), ("spaincentral", "Spain Central"),
        ("swedencentral", "Sweden Central"), ("switzerlandnorth", "Switzerland North"),
        ("switzerlandwest", "Switzerland West"), ("uaecentral", "UAE Central"), ("uaenorth", "UAE North"),
        ("uksouth", "UK South"), ("ukwest", "UK West"), ("westcentralus", "West Central US"),
        ("westeurope", "West Europe"), ("westindia", "West India"), ("westus", "West US"), ("westus2", "West US 2"),
        ("westus3", "West US 3"),
    ]

    static let names: Set<String> = Set(all.map(\.name))

    /// The region `text` most likely means: its display name written out ("West US 3"), or a close misspelling.
    static func suggestion(for text: String) -> String? {
        let squeezed = text.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" }
        if names.contains(squeezed) { return squeezed }
        return Suggestion.closest(to: squeezed, in: all.map(\.name))
    }
}
