/// A bash script pgha renders next to the manifests: its header, options, variables and steps.
public struct Script: Sendable, Equatable {
    /// The file name under `scripts/`, such as `deploy.sh`.
    public var fileName: String
    /// What the script does, in one sentence (the header's first line).
    public var purpose: String
    /// The spec file the script was rendered from (its base name), when known.
    public var specFileName: String?
    /// Options besides `--dry-run` and `--help`.
    public var options: [Option]
    /// Environment variables the script reads, with their defaults.
    public var environment: [Setting]
    /// Commands that must be on PATH before anything runs (checked unless `--dry-run`).
    public var tools: [ShellWord]
    /// Every spec value a script may name; the rendered block holds those the steps read.
    public var variables: [Variable]
    public var steps: [Step]
    /// Printed when the script fails, such as how to resume.
    public var failureNote: String?
    /// Bash functions the translation supplies for the steps (such as `probe`, which every `Probe` calls), written
    /// after the renderer's own helpers.
    public var functions: [String]

    public init(fileName: String, purpose: String, specFileName: String?, options: [Option] = [], environment: [Setting] = [],
                tools: [ShellWord],
                variables: [Variable], steps: [Step], failureNote: String? = nil, functions: [String] = []) {
        self.fileName = fileName
        self.purpose = purpose
        self.specFileName = specFileName
        self.options = options
        self.environment = environment
        self.tools = tools
        self.variables = variables
        self.steps = steps
        self.failureNote = failureNote
        self.functions = functions
    }

    /// A named value at the top of the script.
    public struct Variable: Sendable, Equatable {
        public enum Value: Sendable, Equatable {
            case scalar(String)
            case array([String])
        }

        public var name: String
        public var value: Value
        /// The comment line the variable opens a group with, such as `Azure`.
        public var group: String?

        public init(_ name: String, _ value: Value, group: String? = nil) {
            self.name = name
            self.value = value
            self.group = group
        }

        /// The variable as a word (for an array, each element as its own word).
        public var word: ShellWord {
            switch value {
            case .scalar: .variable(name)
            case .array: .arrayElements(name)
            }
        }
    }

    /// An environment variable the script reads, such as `PGHA` (the pgha binary).
    public struct Setting: Sendable, Equatable {
        public var name: String
        /// Its value when unset.
        public var defaultValue: String
        public var help: String
        /// The variable the script exports with the setting's value, for the tools it runs (such as `KUBECONFIG`).
        public var exportedAs: String?

        public init(_ name: String, default defaultValue: String, help: String, exportedAs: String? = nil) {
            self.name = name
            self.defaultValue = defaultValue
            self.help = help
            self.exportedAs = exportedAs
        }
    }

    /// A command-line option of the script.
    public struct Option: Sendable, Equatable {
        /// The flag, such as `--yes`.
        public var flag: String
        /// The name of its argument, such as `FILE`; nil for a switch.
        public var argument: String?
        /// The shell variable the option sets: `1` for a switch, the argument otherwise.
        public var variable: String
        /// The variable's value when the option is absent (bash, such as `"${PGHA_SPEC:-}"`).
        public var initialValue: String
        public var help: String

        public init(flag: String, argument: String? = nil, variable: String, initialValue: String, help: String) {
            self.flag = flag
            self.argument = argument
            self.variable = variable
            self.initialValue = initialValue
            self.help = help
        }
    }
}
