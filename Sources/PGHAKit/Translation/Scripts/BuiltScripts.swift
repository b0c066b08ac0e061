/// Scripts built for one fleet render, so that specs from one template, whose scripts differ only in spec values,
/// build each script's steps once. A script is kept without its spec values (`ScriptTranslation` adds them per spec)
/// and found by its file name and the `ScriptInputs` it was built from, which hold everything its builder reads. At
/// most `limit` scripts are kept per file name (the first ones built), so a script whose inputs differ in every spec
/// is built for each, as without the cache. Safe to use from the threads rendering a fleet's specs.
final class BuiltScripts: Sendable {
    private let memo: BoundedMemo<ScriptInputs, Script>

    init(limit: Int = 4) {
        memo = BoundedMemo(limit: limit)
    }

    /// How many scripts are kept per file name.
    var limit: Int { memo.limit }

    /// How many lookups found a script, and how many built one.
    var lookups: (hits: Int, misses: Int) { memo.lookups }

    /// The script `fileName` built from `inputs`: one `build` made earlier for equal inputs, or built now (and kept
    /// while there is room). `build` must make the script from `inputs` alone.
    func script(_ fileName: String, _ inputs: ScriptInputs, build: () -> Script) -> Script {
        memo.value(fileName, inputs, make: build)
    }
}
