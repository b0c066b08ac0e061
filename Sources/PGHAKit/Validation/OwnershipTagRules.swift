/// The spec's Azure tags leave room for the ownership tags deploy.sh adds (`AzureOwnership`), and do not use their
/// names. Azure compares tag names case-insensitively.
enum OwnershipTagRules {
    static func check(_ context: inout ValidationContext) {
        let tags = context.spec.azure.tags
        for key in tags.keys.sorted() {
            let lowered = key.lowercased()
            if lowered == AzureOwnership.creatorKey || lowered.hasPrefix(AzureOwnership.memberPrefix) {
                context.error(.reservedTagName, "the tag '\(key)' is pgha's: it records which spec created and uses each resource",
                              at: "azure.tags.\(key)", hint: "rename the tag")
            }
        }
        if tags.count > AzureOwnership.maxUserTags {
            context.error(.tooManyTags, "\(tags.count) tags leave no room for pgha's ownership tags: Azure allows 50 per resource",
                          at: "azure.tags", hint: "keep at most \(AzureOwnership.maxUserTags), fewer when specs share resources (each adds a tag to them)")
        }
    }
}
