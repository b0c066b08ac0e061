/// deploy.sh's steps that give each managed role that logs in a generated password, in the basic-auth Secret the
/// role's `passwordSecret` names (in `managed.roles` or its DatabaseRole); an existing Secret (and so the password) is kept.
enum RoleSecretSteps {
    static func steps(_ spec: Spec) -> [Step] {
        spec.roles.sorted { $0.key < $1.key }.filter(\.value.login).flatMap { name, _ -> [Step] in
            let secret = ShellWord(RoleTranslation.secret(spec, role: name))
            return [
                .heading("Secret " + secret + " for the role " + ShellWord(name)),
                ScriptSteps.generatedPasswordSecret(secret, ["--type=kubernetes.io/basic-auth", ShellWord("--from-literal=username=\(name)"),
                                                             "--from-file=password=/dev/stdin"]),
            ]
        }
    }
}
